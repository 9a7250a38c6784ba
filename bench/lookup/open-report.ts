import type { OpenFigures } from "./open-loop";
import type { RouteName } from "./options";

// The open loop's printout: one row per target, route and offered rate; the p99 of each route beside the trivial
// route's at the same rate (the issue's spike target at 400/s); the highest rate each route keeps p99 under the
// bound (--find-max), with the ratios to the trivial route and, with several instances, to one instance.

export const SPIKE_RATE = 400;
export const TARGET_P99_RATIO = 2;
export const TARGET_MAX_RATIO = 0.5;
export const TARGET_SCALE = 1.5;

export type OpenRow = {
  target: string;
  route: RouteName;
  name: string;
  figures: OpenFigures;
  /** CPU ms per response of the servers and of PostgreSQL (null where not known). */
  appCpuMs: number | null;
  dbCpuMs: number | null;
  drainSeconds: number;
};

const num = (v: number, d = 1) => v.toFixed(d);
const cpu = (v: number | null) => (v === null ? "?" : v.toFixed(2));

export function openTable(rows: OpenRow[]): string {
  const head = `${"target".padEnd(26)} ${"route".padEnd(34)} ${"offered/s".padStart(9)} ${"achieved/s".padStart(10)} ${"errors".padStart(6)} ${"p50 ms".padStart(8)} ${"p90 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"max ms".padStart(8)} ${"app cpu".padStart(7)} ${"db cpu".padStart(6)}  statuses`;
  const lines = rows.map(({ target, name, figures: f, appCpuMs, dbCpuMs, drainSeconds }) =>
    [
      target.padEnd(26),
      name.padEnd(34),
      String(f.offered).padStart(9),
      num(f.achieved, 0).padStart(10),
      String(f.errors).padStart(6),
      num(f.p50).padStart(8),
      num(f.p90).padStart(8),
      num(f.p99).padStart(8),
      num(f.max, 0).padStart(8),
      cpu(appCpuMs).padStart(7),
      cpu(dbCpuMs).padStart(6),
      ` ${Object.entries(f.statuses)
        .map(([c, n]) => `${c}×${n}`)
        .join(" ")}${f.mismatches ? ` (${f.mismatches} wrong bodies)` : ""}${
        f.generatorLagMs > 20 ? ` (generator up to ${num(f.generatorLagMs, 0)} ms late)` : ""
      }${drainSeconds >= 0.5 ? ` (after() drained ${num(drainSeconds)} s later)` : ""}`,
    ].join(" "),
  );
  return [head, "-".repeat(head.length), ...lines].join("\n");
}

/** Each route's p99 against the trivial route's at the same target and rate; PASS/MISS at the spike rate. */
export function p99Ratios(rows: OpenRow[]): { lines: string[]; pass: boolean } {
  const lines: string[] = [];
  let pass = true;
  for (const r of rows) {
    if (r.route === "ping") continue;
    const ping = rows.find(
      (p) => p.route === "ping" && p.target === r.target && p.figures.offered === r.figures.offered,
    );
    if (!ping) continue;
    const ratio = r.figures.p99 / Math.max(ping.figures.p99, 1e-3);
    const spike = r.figures.offered === SPIKE_RATE;
    const ok = ratio <= TARGET_P99_RATIO && r.figures.errors === 0 && ping.figures.errors === 0;
    if (spike && !ok) pass = false;
    lines.push(
      `${r.target}, ${r.figures.offered}/s: ${r.name} p99 ${num(r.figures.p99)} ms = ${num(ratio, 2)}× /api/ping's ${num(ping.figures.p99)} ms` +
        (spike
          ? ` (target ≤ ${TARGET_P99_RATIO}×, no errors) ${ok ? "PASS" : "MISS"}${r.figures.p99 < 50 ? ", under 50 ms outright" : ""}`
          : ""),
    );
  }
  return { lines, pass };
}

export type MaxFinding = { target: string; route: RouteName; name: string; max: number; probes: OpenFigures[] };

export function maxTable(found: MaxFinding[], bound: number): { lines: string[]; pass: boolean } {
  const targets = [...new Set(found.map((f) => f.target))];
  const lines = [`highest offered rate with p99 under ${bound} ms, no errors and ≥ 95 % of it achieved:`];
  let pass = true;
  for (const target of targets) {
    const of = (route: RouteName) => found.find((f) => f.target === target && f.route === route);
    const ping = of("ping");
    for (const f of found.filter((x) => x.target === target)) {
      let extra = "";
      if (ping && f.route !== "ping") {
        const ratio = f.max / Math.max(ping.max, 1);
        if (ratio < TARGET_MAX_RATIO) pass = false;
        extra = `  ${num(ratio, 2)} of /api/ping's (target ≥ ${TARGET_MAX_RATIO}) ${ratio >= TARGET_MAX_RATIO ? "PASS" : "MISS"}`;
      }
      lines.push(`  ${target.padEnd(26)} ${f.name.padEnd(34)} ${String(f.max).padStart(6)}/s${extra}`);
    }
  }
  // Several instances against one, route by route (--instances N lists one instance first, then N).
  if (targets.length === 2) {
    const [one, many] = targets as [string, string];
    for (const f of found.filter((x) => x.target === many)) {
      const single = found.find((x) => x.target === one && x.route === f.route);
      if (!single) continue;
      const scale = f.max / Math.max(single.max, 1);
      if (scale < TARGET_SCALE) pass = false;
      lines.push(
        `  ${f.name}: ${many} sustain ${num(scale, 2)}× the rate of ${one} (target ≥ ${TARGET_SCALE}) ${scale >= TARGET_SCALE ? "PASS" : "MISS"}`,
      );
    }
  }
  return { lines, pass };
}
