import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

// The app as a browser meets it: a production build in its own folder (so a developer's .next and the e2e build
// are left alone) served by the portal's own server, scripts/portal-server.ts, as `npm start` serves it (its
// compression included).

export const DIST_DIR = ".next-bench-bundle";

/**
 * `next build` into DIST_DIR. Next adds the build folder's type folders to tsconfig.json's "include" when it
 * is not listed; that edit is this run's side effect, not a project change, so it is undone afterwards.
 */
export function buildApp(env: NodeJS.ProcessEnv): void {
  const before = readFileSync("tsconfig.json", "utf8");
  try {
    const build = spawnSync("node_modules/.bin/next", ["build"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...env, NEXT_DIST_DIR: DIST_DIR },
    });
    if (build.status !== 0) throw new Error(`next build failed (exit ${build.status ?? build.signal})`);
  } finally {
    const after = readFileSync("tsconfig.json", "utf8");
    if (after !== before && !before.includes(DIST_DIR)) writeFileSync("tsconfig.json", before);
  }
}

export const hasBuild = () => existsSync(`${DIST_DIR}/BUILD_ID`);

/** Migrations and the demo bundle, through the same script `npm start` and `npm run dev` run first. */
export function prepareDatabase(env: NodeJS.ProcessEnv): void {
  const run = spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/prepare-db.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env,
  });
  if (run.status !== 0) throw new Error(`scripts/prepare-db.ts failed (exit ${run.status ?? run.signal})`);
}

export type AppServer = { pid: number; stop: () => Promise<void> };

export async function startApp(env: NodeJS.ProcessEnv, port: number): Promise<AppServer> {
  const child: ChildProcess = spawn(
    "node_modules/.bin/tsx",
    ["scripts/portal-server.ts", "--port", String(port), "--host", "127.0.0.1"],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...env, NEXT_DIST_DIR: DIST_DIR },
      detached: true, // its own process group, so stop() ends whatever it started and nothing else
    },
  );
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
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error("the portal server exited before it was ready");
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("the portal did not become healthy within 90 s");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { pid: child.pid!, stop };
}
