import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { buildApp as buildInto, hasBuild as hasBuildIn, whenHealthy } from "../shared/app-process";

// The app as a browser meets it: a production build in its own folder (so a developer's .next and the e2e build
// are left alone) served by the portal's own server, scripts/portal-server.ts, as `npm start` serves it (its
// compression included).

export const DIST_DIR = ".next-bench-bundle";

export const buildApp = (env: NodeJS.ProcessEnv) => buildInto(env, DIST_DIR);
export const hasBuild = () => hasBuildIn(DIST_DIR);

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
  const stop = await whenHealthy(child, `http://127.0.0.1:${port}`, "the portal server", 90);
  return { pid: child.pid!, stop };
}
