import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { buildApp as buildInto, hasBuild as hasBuildIn, whenHealthy } from "../shared/app-process";

// The app under test: a production build in its own folder (NEXT_DIST_DIR, so a developer's .next is left
// alone) served by `next start` on a free loopback port.

export const DIST_DIR = ".next-bench";

export const buildApp = (env: NodeJS.ProcessEnv) => buildInto(env, DIST_DIR);
export const hasBuild = () => hasBuildIn(DIST_DIR);

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
  const stop = await whenHealthy(child, base, "next start", 60);
  return { base, pid: child.pid!, stop };
}
