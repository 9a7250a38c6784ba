import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import type { RouteFigures } from "./load";

// The printed figures: machine context, one row per route, and the targets of the issue with PASS/MISS.

export const TARGET_RATIO = 0.5;
export const TARGET_P99_MS = 50;

export function machineLine(pgVersion: string): string {
  return [
    `cores: ${availableParallelism()} × ${cpus()[0]?.model.trim() ?? "?"}`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `node ${process.version}`,
    `database: PostgreSQL ${pgVersion} (postgres.js pool from db/client.ts)`,
    `load average now: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  ].join("\n  ");
}

const pad = (s: string, n: number, right = false) => (right ? s.padStart(n) : s.padEnd(n));

export function figuresTable(rows: RouteFigures[]): string {
  const head = `${pad("route", 34)} ${pad("requests/s", 11, true)} ${pad("p50 ms", 8, true)} ${pad("p90 ms", 8, true)} ${pad("p99 ms", 8, true)} ${pad("max ms", 8, true)} ${pad("errors", 7, true)} ${pad("load", 6, true)} ${pad("app cpu", 8, true)} ${pad("db cpu", 7, true)}  statuses`;
  const ms = (v: number | null) => (v === null ? "?" : v.toFixed(2));
  const lines = rows.map(
    (r) =>
      `${pad(r.name, 34)} ${pad(r.rps.toFixed(0), 11, true)} ${pad(r.p50.toFixed(1), 8, true)} ${pad(r.p90.toFixed(1), 8, true)} ${pad(r.p99.toFixed(1), 8, true)} ${pad(r.max.toFixed(0), 8, true)} ${pad(String(r.errors), 7, true)} ${pad(r.loadBefore.toFixed(2), 6, true)} ${pad(ms(r.serverCpuMs), 8, true)} ${pad(ms(r.dbCpuMs), 7, true)}  ${Object.entries(
        r.statuses,
      )
        .map(([c, n]) => `${c}×${n}`)
        .join(
          " ",
        )}${r.mismatches ? `  (${r.mismatches} wrong bodies)` : ""}${r.drainSeconds >= 0.5 ? `  (after() backlog drained ${r.drainSeconds.toFixed(1)} s after the run)` : ""}`,
  );
  return [head, "-".repeat(head.length), ...lines].join("\n");
}

export function verdicts(trivial: RouteFigures, stepOne: RouteFigures): { lines: string[]; pass: boolean } {
  const ratio = stepOne.rps / trivial.rps;
  const ratioOk = ratio >= TARGET_RATIO;
  const p99Ok = stepOne.p99 < TARGET_P99_MS;
  const clean = stepOne.errors === 0;
  // With every connection sending its next request as soon as the last is answered (a closed loop), the mean
  // latency is connections / throughput (Little's law): at saturation p99 measures the machine's queue, and no
  // route of this app can be quicker than the trivial one.
  const littles = (f: RouteFigures) => `${f.p50.toFixed(0)} ms p50 ≈ connections / ${f.rps.toFixed(0)} req/s`;
  return {
    lines: [
      `step one / trivial throughput ratio: ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}) ${ratioOk ? "PASS" : "MISS"}`,
      `step one p99 at saturation: ${stepOne.p99.toFixed(1)} ms (target < ${TARGET_P99_MS} ms) ${p99Ok ? "PASS" : "MISS"}` +
        ` (closed loop: ${littles(stepOne)}; the trivial route itself: p99 ${trivial.p99.toFixed(1)} ms)`,
      ...(clean ? [] : [`step one had ${stepOne.errors} responses other than 303: figures not valid`]),
    ],
    pass: ratioOk && p99Ok && clean,
  };
}

/** One line per connection count: each route's throughput, p50 and p99 (how latency grows with load). */
export function sweepTable(rows: Array<{ connections: number; ping: RouteFigures; stepOne: RouteFigures }>): string {
  const cell = (f: RouteFigures) =>
    `${f.rps.toFixed(0).padStart(6)} · ${f.p50.toFixed(1).padStart(5)} · ${f.p99.toFixed(1).padStart(6)}${f.errors ? ` (${f.errors} errors)` : ""}`;
  const head = `${"connections".padStart(11)}   ${"GET /api/ping".padEnd(24)}   step one`;
  return [
    head,
    ...rows.map((r) => `${String(r.connections).padStart(11)}   ${cell(r.ping).padEnd(24)}   ${cell(r.stepOne)}`),
  ].join("\n");
}
