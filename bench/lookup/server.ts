import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";

// The app under test: a production build in its own folder (NEXT_DIST_DIR, so a developer's .next is left
// alone) served by `next start` on a free loopback port.

export const DIST_DIR = ".next-bench";
const NEXT = "node_modules/.bin/next";

/**
 * `next build` into DIST_DIR. Next adds the build folder's type folders to tsconfig.json's "include" when it
 * is not listed; that edit is this run's side effect, not a project change, so it is undone afterwards.
 */
export function buildApp(env: NodeJS.ProcessEnv): void {
  const before = readFileSync("tsconfig.json", "utf8");
  try {
    const build = spawnSync(NEXT, ["build"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...env, NEXT_DIST_DIR: DIST_DIR },
    });
    if (build.status !== 0) throw new Error(`next build failed (exit ${build.status ?? build.signal})`);
  } finally {
    const after = readFileSync("tsconfig.json", "utf8");
    if (after !== before && !before.includes(DIST_DIR) && after.includes(DIST_DIR))
      writeFileSync("tsconfig.json", before);
  }
}

export const hasBuild = () => existsSync(`${DIST_DIR}/BUILD_ID`);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export type AppServer = { base: string; pid: number; stop: () => Promise<void> };

/** `nodeArgs` go to node itself (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
export async function startApp(env: NodeJS.ProcessEnv, port: number, nodeArgs: string[] = []): Promise<AppServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...env, NEXT_DIST_DIR: DIST_DIR },
      detached: true, // its own process group, so stop() ends whatever it started and nothing else
    },
  );
  const base = `http://127.0.0.1:${port}`;
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
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error("next start exited before it was ready");
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("the app did not become healthy within 60 s");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, pid: child.pid!, stop };
}
