import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { buildApp as buildInto, hasBuild as hasBuildIn, whenHealthy } from "../shared/app-process";

// The app under test: a production build in its own folder (NEXT_DIST_DIR, so a developer's .next is left
// alone) served by `next start` on a free loopback port.

export const DIST_DIR = ".next-bench";

export const buildApp = (env: NodeJS.ProcessEnv) => buildInto(env, DIST_DIR);
export const hasBuild = () => hasBuildIn(DIST_DIR);

/** A port free right now: any (the OS picks) or, with BENCH_PORTS=FROM-TO, the first free one in that range. */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.BENCH_PORTS ?? "");
  if (!range) return listenOn(0);
  for (let p = Number(range[1]); p <= Number(range[2]); p++) {
    if (taken.has(p)) continue;
    const got = await listenOn(p).catch(() => 0);
    if (got) {
      taken.add(got); // not handed out twice in one run, even before the server binds it
      return got;
    }
  }
  throw new Error(`no free port in BENCH_PORTS=${process.env.BENCH_PORTS}`);
}
const taken = new Set<number>();

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(port, "127.0.0.1", () => {
      const { port: got } = s.address() as { port: number };
      s.close(() => resolve(got));
    });
  });
}

export type AppServer = { base: string; pid: number; stop: () => Promise<void> };

/**
 * `nodeArgs` go to node itself (e.g. --cpu-prof, which NODE_OPTIONS refuses); `cpus` pins the server to those CPUs
 * (a taskset list such as "0"), apart from the load generator.
 */
export async function startApp(
  env: NodeJS.ProcessEnv,
  port: number,
  nodeArgs: string[] = [],
  cpus: string | null = null,
): Promise<AppServer> {
  const cmd = [
    process.execPath,
    ...nodeArgs,
    "node_modules/next/dist/bin/next",
    "start",
    "-p",
    String(port),
    "-H",
    "127.0.0.1",
  ];
  // taskset execs the server in its own place: same pid, so the process group below is still the server's.
  const child: ChildProcess = spawn(cpus ? "taskset" : cmd[0]!, cpus ? ["-c", cpus, ...cmd] : cmd.slice(1), {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...env, NEXT_DIST_DIR: DIST_DIR },
    detached: true, // its own process group, so stop() ends whatever it started and nothing else
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = await whenHealthy(child, base, "next start", 60);
  return { base, pid: child.pid!, stop };
}
