import "server-only";
import type { Database } from "@/db/client";
import { currentCount } from "@/db/queries/rate-limit";
import { codeAttemptBuckets } from "@/lib/rate-limit";

// Counters of this instance, served by /api/metrics (app/api/metrics/route.ts) in Prometheus text format. Each
// instance counts its own; the dashboard sums them. They hold counts only, never who or which booking.

const HELP = {
  portal_verify_step_one_limited_total: "Step-one requests refused by a rate limit.",
  portal_verify_step_one_busy_total: "Step-one requests past the global limit, served from the per-client busy budget.",
  portal_verify_code_failed_total: "Codes submitted at step two that did not sign anyone in.",
  portal_verify_code_capped_total: "Codes refused because the person or the client had too many failed codes.",
  portal_verify_code_alerts_total: "Times failed codes across everyone went past VERIFY_CODE_ALERT in a window.",
  portal_verify_code_mail_capped_total: "Code emails not sent because the person already had VERIFY_CODE_MAIL_LIMIT.",
} as const;

export type CounterName = keyof typeof HELP;

// On globalThis: the bundler may give each route its own copy of this module, and the counters are per process.
const KEY = Symbol.for("portal.verify.metrics");
const store = globalThis as unknown as Record<symbol, Map<CounterName, number> | undefined>;
const counters: Map<CounterName, number> = store[KEY] ?? new Map();
store[KEY] = counters;

export function countMetric(name: CounterName, by = 1): void {
  counters.set(name, (counters.get(name) ?? 0) + by);
}

export const metricValue = (name: CounterName): number => counters.get(name) ?? 0;

/** Every counter (zero included, so a dashboard sees the series from the start), plus any gauges given. */
function renderMetrics(gauges: { name: string; help: string; value: number }[] = []): string {
  const lines: string[] = [];
  for (const [name, help] of Object.entries(HELP) as [CounterName, string][]) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name} ${metricValue(name)}`);
  }
  for (const g of gauges) lines.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`, `${g.name} ${g.value}`);
  return `${lines.join("\n")}\n`;
}

/**
 * The page /api/metrics serves: this instance's counters, and from the database the failed codes across everyone
 * (every instance) in the current VERIFY_CODE_ALERT window.
 */
export async function readMetrics(db: Database): Promise<string> {
  const window = codeAttemptBuckets({ personId: null, ip: "0.0.0.0" }).after.find((b) => b.soft);
  const failedNow = window ? await currentCount(db, window) : 0;
  return renderMetrics([
    {
      name: "portal_verify_code_failed_window",
      help: "Failed codes across everyone (every instance) in the current VERIFY_CODE_ALERT window.",
      value: failedNow,
    },
  ]);
}

/** An alert line for the log watcher, in the shape of lib/log.ts's lines. Counts and reasons only, never who. */
export function logAlert(context: string, reason: string): void {
  console.error(JSON.stringify({ level: "alert", at: new Date().toISOString(), context, reason }));
}
