import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startDeployment } from "../../deploy/run";
import { DIST_DIR, freePort, startApp } from "./server";

// What the benchmark measures, as one or more targets (base URLs) measured one after the other, and the server
// processes behind each (for memory and CPU figures):
//   - default: one plain `next start` the bench starts, measured directly;
//   - --instances N: the production layout, deploy/run.ts's startDeployment (deploy/nginx.conf.template in front
//     of the instances, PgBouncer from deploy/pgbouncer.ini.template in front of the bench's scratch database, the
//     worker), started twice: with one instance, then, once that one is measured and stopped, with N. Both
//     through the same files, so the ratio between them is the instances' and not a difference of layout;
//   - --base-url URL: a deployment someone else started, measured as it is; --pids names its instances' process
//     ids for the memory figures.

type Instance = { pid: number; group: boolean };
export type Target = { label: string; base: string; instances: Instance[] };
export type Targets = {
  /** The targets' names, in the order they are measured. */
  labels: string[];
  /** Starts target `i` (stopping the one running before, if another); resolves once it answers. */
  use: (i: number) => Promise<Target>;
  /** Stops whatever runs. */
  stop: () => Promise<void>;
};

type TargetOptions = {
  env: NodeJS.ProcessEnv;
  instances: number;
  baseUrl: string | null;
  pids: number[];
  nodeArgs: string[];
  /** taskset CPU list for the servers the bench starts (app instances, and nginx), or null. */
  serverCpus: string | null;
  /** The direct URL of the scratch database: what deploy/'s PgBouncer connects to (--instances). */
  databaseUrl: string;
  log: (msg: string) => void;
};

type Running = { target: Target; stop: () => Promise<void> };

export function benchTargets(o: TargetOptions): Targets {
  const starts: Array<{ label: string; start: () => Promise<Running> }> = o.baseUrl
    ? [{ label: `${o.baseUrl} (given)`, start: () => given(o.baseUrl!, o.pids) }]
    : o.instances === 1
      ? [{ label: "1 instance, direct", start: () => plain(o) }]
      : [1, o.instances].map((n) => {
          const label = `${n} instance${n === 1 ? "" : "s"} via deploy/`;
          return { label, start: () => deployed(o, n, label) };
        });
  // The target running or being started: a stop (Ctrl-C) during a start waits for it, then stops what it started.
  let current: { index: number; running: Promise<Running> } | undefined;
  const stop = async () => {
    const was = current;
    current = undefined;
    if (was) await (await was.running.catch(() => null))?.stop();
  };
  return {
    labels: starts.map((s) => s.label),
    use: async (i) => {
      if (current?.index !== i) {
        await stop();
        current = { index: i, running: starts[i]!.start() };
      }
      return (await current.running).target;
    },
    stop,
  };
}

async function given(baseUrl: string, pids: number[]): Promise<Running> {
  const base = baseUrl.replace(/\/$/, "");
  const res = await fetch(`${base}/api/health`).catch(() => null);
  if (res?.status !== 200) throw new Error(`--base-url ${base}: /api/health did not answer 200`);
  return {
    target: { label: `${base} (given)`, base, instances: pids.map((pid) => ({ pid, group: false })) },
    stop: async () => {},
  };
}

async function plain(o: TargetOptions): Promise<Running> {
  const app = await startApp(o.env, await freePort(), o.nodeArgs, o.serverCpus);
  o.log(`next start on ${app.base} (pid ${app.pid})`);
  return {
    target: { label: "1 instance, direct", base: app.base, instances: [{ pid: app.pid, group: true }] },
    stop: app.stop,
  };
}

async function deployed(o: TargetOptions, count: number, label: string): Promise<Running> {
  const instancePorts: number[] = [];
  for (let i = 0; i < count; i++) instancePorts.push(await freePort());
  // The launcher sets PUBLIC_URL to nginx's address when none is given: the address the forms are posted to.
  const { PUBLIC_URL: _, ...env } = o.env;
  const d = await startDeployment({
    databaseUrl: o.databaseUrl,
    instances: count,
    port: await freePort(),
    instancePorts,
    pgbouncerPort: await freePort(),
    env,
    distDir: DIST_DIR,
    instanceNodeArgs: o.nodeArgs,
    log: (line) => o.log(`deploy (${count}): ${line}`),
  });
  // Each instance is spawned detached, so its pid leads the process group its memory and CPU are counted over.
  const instances = d.instances.map((i) => ({ pid: i.pid() ?? 0, group: true }));
  if (o.serverCpus) {
    const nginxPid = Number(readFileSync(join(d.runDir, "nginx.pid"), "utf8").trim());
    for (const group of [...instances.map((i) => i.pid), nginxPid]) pinGroup(group, o.serverCpus);
    o.log(`instances and nginx pinned to CPU ${o.serverCpus} (PgBouncer and the worker are not)`);
  }
  o.log(`${label}: nginx on ${d.url}, runDir ${d.runDir}`);
  return { target: { label, base: d.url, instances }, stop: d.stop };
}

function pinGroup(group: number, cpus: string) {
  for (const pid of pidsIn(group)) {
    const r = spawnSync("taskset", ["-a", "-p", "-c", cpus, String(pid)], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`taskset failed for pid ${pid}: ${r.stderr || r.error?.message}`);
  }
}

const pidsIn = (group: number): number[] => {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === group) out.push(pid);
    } catch {
      /* gone */
    }
  }
  return out;
};

const rssKiB = (pid: number): number => {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
};

/** Resident memory of each instance in MiB (its whole process group where the bench started it), from /proc. */
export function instanceRssMiB(t: Target): number[] {
  return t.instances.map(({ pid, group }) => (group ? pidsIn(pid) : [pid]).reduce((s, p) => s + rssKiB(p), 0) / 1024);
}
