import { createHash, timingSafeEqual } from "node:crypto";
import { getDb } from "@/db/client";
import { currentCount } from "@/db/queries/rate-limit";
import { env } from "@/lib/env";
import { clientIpFrom, codeAttemptBuckets, isLoopback } from "@/lib/rate-limit";
import { renderMetrics } from "@/lib/verification/metrics";

// Counters for the dashboard, in Prometheus text format: this instance's counters (lib/verification/metrics.ts)
// and, from the database, the failed codes across everyone in the current alert window (all instances). Open to
// this machine (a scraper beside the app), or to anyone with `Authorization: Bearer $METRICS_TOKEN`; everyone
// else gets a 404, as for a page that does not exist.

export const dynamic = "force-dynamic";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

function allowed(request: Request): boolean {
  const token = env().METRICS_TOKEN;
  const given = request.headers.get("authorization");
  if (token && given && timingSafeEqual(digest(given), digest(`Bearer ${token}`))) return true;
  return isLoopback(clientIpFrom(request.headers));
}

export async function GET(request: Request): Promise<Response> {
  if (!allowed(request)) return new Response("Not Found", { status: 404, headers: { "cache-control": "no-store" } });
  const window = codeAttemptBuckets({ personId: null, ip: "0.0.0.0" }).after.find((b) => b.soft);
  const failedNow = window ? await currentCount(await getDb(), window) : 0;
  const body = renderMetrics([
    {
      name: "portal_verify_code_failed_window",
      help: "Failed codes across everyone (every instance) in the current VERIFY_CODE_ALERT window.",
      value: failedNow,
    },
  ]);
  return new Response(body, {
    headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
  });
}
