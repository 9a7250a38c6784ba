import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import type { CpuSample } from "./cpu";
import { instanceRssMiB, type Target, type Targets } from "./deployment";
import { type OpenFigures, type OpenRequest, openLoop } from "./open-loop";
import { type MaxFinding, maxTable, type OpenRow, openTable, p99Ratios } from "./open-report";
import { type LookupBenchOptions, ROUTE_NAMES, type RouteName } from "./options";

// `--open-loop`, `--find-max`, `--target-check`, `--soak`: the open-loop measurements, over every target one after
// the other (one instance; or deploy/'s layout with one instance, then with N; or a given base URL).

export type OpenContext = {
  opts: LookupBenchOptions;
  targets: Targets;
  /** A route's request as sent to `base` (step one's Origin must be the host it posts to). */
  requestFor: Record<RouteName, (base: string) => OpenRequest>;
  names: Record<RouteName, string>;
  /** Resolves once the after() work left by the last run is done (seconds it took). */
  settle: () => Promise<number>;
  /** A sampler of the target's instances' and database's CPU time (null where /proc is missing). */
  cpuFor: (t: Target) => (() => CpuSample) | null;
  log: (msg: string) => void;
};

const routesOf = (opts: LookupBenchOptions) => ROUTE_NAMES.filter((r) => opts.routes.has(r));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pins this process (every thread: the generator is its main thread) to `cpus`, and says what it got. */
function pinGenerator(cpus: string, log: (msg: string) => void) {
  const r = spawnSync("taskset", ["-a", "-p", "-c", cpus, String(process.pid)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`taskset failed: ${r.stderr || r.error?.message}`);
  log(`load generator (pid ${process.pid}) pinned to CPU ${cpus}`);
}

function affinityLine(t: Target): string {
  const of = (pid: number) =>
    spawnSync("taskset", ["-c", "-p", String(pid)], { encoding: "utf8" })
      .stdout.trim()
      .split(": ")[1] ?? "?";
  const servers = t.instances.map((i) => `${i.pid}→${of(i.pid)}`).join(", ");
  return `${t.label}: CPU affinity: load generator ${of(process.pid)}; instances ${servers || "(not known)"}; PostgreSQL and anything else unpinned`;
}

type Measured = { target: Target; cpu: (() => CpuSample) | null };

async function measure(ctx: OpenContext, { target, cpu }: Measured, route: RouteName, rate: number) {
  const { opts } = ctx;
  const request = ctx.requestFor[route](target.base);
  const run = { base: target.base, requests: [request], rate, connections: opts.connections };
  if (opts.warmup > 0) await openLoop({ ...run, seconds: opts.warmup });
  await ctx.settle();
  await pause(1000);
  const before = cpu?.();
  const figures = await openLoop({ ...run, seconds: opts.duration });
  const drainSeconds = await ctx.settle();
  const after = cpu?.();
  const per = (k: keyof CpuSample) =>
    before && after ? (after[k] - before[k]) / Math.max(1, figures.completed) : null;
  const row: OpenRow = {
    target: target.label,
    route,
    name: ctx.names[route],
    figures,
    appCpuMs: per("server"),
    dbCpuMs: per("db"),
    drainSeconds,
  };
  ctx.log(
    `${target.label} · ${ctx.names[route]} · ${rate}/s offered: ${figures.achieved.toFixed(0)}/s achieved, p99 ${figures.p99.toFixed(1)} ms, ${figures.errors} errors (load ${loadavg()[0]!.toFixed(2)})`,
  );
  return row;
}

const passes = (f: OpenFigures, bound: number) => f.errors === 0 && f.p99 < bound && f.achieved >= 0.95 * f.offered;

/**
 * The highest offered rate that passes: doubling from the first --rate until a rate fails (halving if the first
 * fails), then bisecting (geometric mean) until the bracket is within 10 %.
 */
async function findMax(ctx: OpenContext, measured: Measured, route: RouteName) {
  const { target } = measured;
  const bound = ctx.opts.p99Bound;
  const probes: OpenFigures[] = [];
  const probe = async (rate: number) => {
    const { figures } = await measure(ctx, measured, route, rate);
    probes.push(figures);
    return passes(figures, bound);
  };
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  let rate = ctx.opts.rates[0]!;
  while (hi === Number.POSITIVE_INFINITY && rate <= 20_000) {
    if (await probe(rate)) {
      lo = rate;
      rate *= 2;
    } else hi = rate;
  }
  while (lo === 0 && hi > 5) {
    rate = Math.floor(hi / 2);
    if (await probe(rate)) lo = rate;
    else hi = rate;
  }
  while (lo > 0 && hi / lo > 1.1 && hi !== Number.POSITIVE_INFINITY) {
    rate = Math.round(Math.sqrt(lo * hi));
    if (rate <= lo || rate >= hi) break; // whole requests per second: nothing left between them
    if (await probe(rate)) lo = rate;
    else hi = rate;
  }
  const found: MaxFinding = { target: target.label, route, name: ctx.names[route], max: lo, probes };
  ctx.log(`${target.label} · ${ctx.names[route]}: highest rate with p99 under ${bound} ms ≈ ${lo}/s`);
  return found;
}

async function soak(ctx: OpenContext, target: Target): Promise<number> {
  const { opts } = ctx;
  const rate = opts.rates[0]!;
  const seconds = Math.round(opts.soakMinutes * 60);
  const every = seconds >= 180 ? 30 : 10;
  const warmup = Math.min(120, Math.round(seconds * 0.2));
  const requests = routesOf(opts).map((r) => ctx.requestFor[r](target.base));
  console.log(
    `\nsoak: ${opts.soakMinutes} min at ${rate}/s offered through ${target.label}, routes in turn: ${routesOf(opts).join(", ")}; memory = VmRSS from /proc per instance, warm-up = first ${warmup} s`,
  );
  console.log(
    `${"at s".padStart(6)} ${"achieved/s".padStart(10)} ${"errors".padStart(6)} ${"so far".padStart(6)} ${"p99 ms".padStart(8)}  RSS MiB per instance`,
  );
  const memory: Array<{ at: number; rss: number[] }> = [{ at: 0, rss: instanceRssMiB(target) }];
  let errors = 0;
  const figures = await openLoop({
    base: target.base,
    requests,
    rate,
    seconds,
    connections: opts.connections,
    progress: {
      everySeconds: every,
      report: (at, f) => {
        const rss = instanceRssMiB(target);
        memory.push({ at, rss });
        errors += f.errors;
        console.log(
          `${at.toFixed(0).padStart(6)} ${f.achieved.toFixed(0).padStart(10)} ${String(f.errors).padStart(6)} ${String(errors).padStart(6)} ${f.p99.toFixed(1).padStart(8)}  ${rss.map((m) => m.toFixed(0)).join("  ") || "(no pids: pass --pids)"}`,
        );
      },
    },
  });
  await ctx.settle();
  memory.push({ at: seconds, rss: instanceRssMiB(target) });
  console.log(
    `whole soak: ${figures.completed} responses, ${figures.errors} errors, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, max ${figures.max.toFixed(0)} ms`,
  );
  let pass = figures.errors === 0;
  const base = memory.find((m) => m.at >= warmup) ?? memory[0]!;
  const last = memory.at(-1)!;
  last.rss.forEach((mib, i) => {
    const from = base.rss[i] ?? 0;
    const growth = from > 0 ? (mib - from) / from : 0;
    const peak = Math.max(...memory.filter((m) => m.at >= warmup).map((m) => m.rss[i] ?? 0));
    if (growth >= 0.1) pass = false;
    console.log(
      `instance ${i + 1} (pid ${target.instances[i]?.pid}): ${from.toFixed(0)} MiB after warm-up (${base.at.toFixed(0)} s) → ${mib.toFixed(0)} MiB at the end, peak ${peak.toFixed(0)} MiB: ${(growth * 100).toFixed(1)} % growth (target < 10 %) ${growth < 0.1 ? "PASS" : "MISS"}`,
    );
  });
  if (last.rss.length === 0) console.log("memory not sampled: name the instances' pids with --pids");
  console.log(`soak ${pass ? "PASS" : "MISS"} (no errors, memory flat)`);
  return pass ? 0 : 1;
}

/**
 * Measures every target in turn (each started, measured, then stopped when the next one starts), or only the last
 * for a soak (the N instances), and prints the figures once all are measured.
 */
export async function runOpenLoop(ctx: OpenContext): Promise<number> {
  const { opts, targets } = ctx;
  if (opts.pinGenerator) pinGenerator(opts.pinGenerator, ctx.log);
  const affinities: string[] = [];
  const use = async (i: number) => {
    const target = await targets.use(i);
    affinities.push(affinityLine(target));
    return target;
  };
  if (opts.soakMinutes > 0) {
    const target = await use(targets.labels.length - 1);
    console.log(`\n${affinities.join("\n")}`);
    return soak(ctx, target);
  }

  let exitCode = 0;
  const rows: OpenRow[] = [];
  const found: MaxFinding[] = [];
  for (let i = 0; i < targets.labels.length; i++) {
    const target = await use(i);
    const measured = { target, cpu: ctx.cpuFor(target) };
    for (const route of routesOf(opts))
      for (const rate of opts.rates) rows.push(await measure(ctx, measured, route, rate));
    if (opts.findMax) for (const route of routesOf(opts)) found.push(await findMax(ctx, measured, route));
  }
  console.log(`\n${affinities.join("\n")}`);

  console.log(
    `\nopen loop: ${opts.connections} keep-alive connections, ${opts.duration} s per rate after ${opts.warmup} s of warm-up at the same rate; latency counted from each request's due time`,
  );
  console.log(openTable(rows));
  console.log(
    "(app cpu / db cpu = CPU ms per response of the instances and of this database's PostgreSQL backends, including after() work)\n",
  );
  const ratios = p99Ratios(rows);
  for (const line of ratios.lines) console.log(line);
  if (!ratios.pass) exitCode = 1;
  if (found.length > 0) {
    const m = maxTable(found, opts.p99Bound);
    console.log("");
    for (const line of m.lines) console.log(line);
    if (!m.pass) exitCode = 1;
  }
  return exitCode;
}
