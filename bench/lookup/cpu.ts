import { existsSync, readdirSync, readFileSync } from "node:fs";

// CPU time used by the app server and by the scratch database's PostgreSQL backends (Linux /proc), so each route
// also gets a cost per request: unlike requests/s, it barely moves when other work shares the machine.

const TICK_MS = 10; // USER_HZ is 100 on Linux

function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * TICK_MS; // utime, stime
  } catch {
    return 0;
  }
}

export type CpuSample = { server: number; db: number };

/**
 * A sampler of the servers' (each one's whole process group, or the process itself where it leads none) and the
 * database backends' CPU milliseconds.
 */
export function cpuSampler(serverPids: number[], dbName: string): (() => CpuSample) | null {
  if (!existsSync("/proc/self/stat")) return null;
  return () => {
    let server = 0;
    let db = 0;
    for (const name of readdirSync("/proc")) {
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const pgid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
        if (serverPids.includes(pgid) || serverPids.includes(pid)) server += cpuMsOf(pid);
        else if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(` ${dbName} `)) db += cpuMsOf(pid);
      } catch {
        /* gone */
      }
    }
    return { server, db };
  };
}
