import { loadavg } from "node:os";
import autocannon, { type AutocannonOptions, type AutocannonResult } from "autocannon";
import type { CpuSample } from "./cpu";

// One measured route: a warm-up run whose figures are thrown away, then the measured run. Every response's
// status is checked against what the route must answer: anything else, connection errors and timeouts count as
// errors. Where the body is checked, wrong bodies are counted as mismatches.

export type RouteSpec = {
  name: string;
  options: Omit<AutocannonOptions, "url" | "connections" | "duration">;
  expectStatus: number;
};

export type RouteFigures = {
  name: string;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  requests: number;
  statuses: Record<string, number>;
  mismatches: number;
  loadBefore: number;
  /** CPU milliseconds per response of the app server and of PostgreSQL (null where /proc is not available). */
  serverCpuMs: number | null;
  dbCpuMs: number | null;
  /** Seconds after the last response until the after() work it left behind was done. */
  drainSeconds: number;
};

let running: { stop: () => void } | null = null;
/** Stops the run in progress (Ctrl-C). */
export const stopLoad = () => running?.stop();

async function run(base: string, spec: RouteSpec, connections: number, duration: number): Promise<AutocannonResult> {
  const instance = autocannon({ ...spec.options, url: base, connections, duration, timeout: 20 });
  running = instance;
  try {
    return await instance;
  } finally {
    running = null;
  }
}

export async function measureRoute(
  base: string,
  spec: RouteSpec,
  opts: {
    connections: number;
    duration: number;
    warmup: number;
    cpu?: (() => CpuSample) | null;
    settle: () => Promise<number>;
  },
): Promise<RouteFigures> {
  if (opts.warmup > 0) await run(base, spec, opts.connections, opts.warmup);
  // Let the warm-up's after() work drain and the load settle before measuring.
  await opts.settle();
  await new Promise((r) => setTimeout(r, 1000));
  const loadBefore = loadavg()[0]!;
  const cpuBefore = opts.cpu?.();
  const r = await run(base, spec, opts.connections, opts.duration);
  // Work left by after() once the last response has gone belongs to this route: wait for it before reading CPU.
  const drainSeconds = await opts.settle();
  const cpuAfter = opts.cpu?.();
  const statuses: Record<string, number> = {};
  let wrongStatus = 0;
  for (const [code, { count }] of Object.entries(r.statusCodeStats)) {
    statuses[code] = Number(count);
    if (Number(code) !== spec.expectStatus) wrongStatus += Number(count);
  }
  return {
    name: spec.name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    // autocannon counts timeouts among its errors; a wrong body is reported apart (it may also be a wrong status).
    errors: wrongStatus + r.errors,
    requests: r.requests.total,
    statuses,
    mismatches: r.mismatches,
    loadBefore,
    serverCpuMs: cpuBefore && cpuAfter ? (cpuAfter.server - cpuBefore.server) / Math.max(1, r.requests.total) : null,
    dbCpuMs: cpuBefore && cpuAfter ? (cpuAfter.db - cpuBefore.db) / Math.max(1, r.requests.total) : null,
    drainSeconds,
  };
}
