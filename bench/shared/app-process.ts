import { type ChildProcess, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

// What the benchmarks share about the app they measure: a production build in a folder of its own (so a
// developer's .next and the e2e build are left alone), and a server process that is ready once /api/health says
// so and is stopped with everything it started.

/**
 * `next build` into `distDir`. Next adds the build folder's type folders to tsconfig.json's "include" when it
 * is not listed; that edit is this run's side effect, not a project change, so it is undone afterwards.
 */
export function buildApp(env: NodeJS.ProcessEnv, distDir: string): void {
  const before = readFileSync("tsconfig.json", "utf8");
  try {
    const build = spawnSync("node_modules/.bin/next", ["build"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...env, NEXT_DIST_DIR: distDir },
    });
    if (build.status !== 0) throw new Error(`next build failed (exit ${build.status ?? build.signal})`);
  } finally {
    const after = readFileSync("tsconfig.json", "utf8");
    if (after !== before && !before.includes(distDir) && after.includes(distDir))
      writeFileSync("tsconfig.json", before);
  }
}

export const hasBuild = (distDir: string) => existsSync(`${distDir}/BUILD_ID`);

/**
 * Waits until the server `child` (spawned `detached`, in its own process group) answers 200 on /api/health, and
 * returns how to stop it: SIGTERM to the group, SIGKILL after 5 s. Throws, having stopped it, if it exits first or
 * is not healthy within `timeoutSeconds`.
 */
export async function whenHealthy(
  child: ChildProcess,
  base: string,
  what: string,
  timeoutSeconds: number,
): Promise<() => Promise<void>> {
  let exited = false;
  child.once("exit", () => (exited = true));
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const done = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
    if (!exited) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  };
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    if (exited) throw new Error(`${what} exited before it was ready`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${what} did not become healthy within ${timeoutSeconds} s`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return stop;
}
