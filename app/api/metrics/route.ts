import { createHash, timingSafeEqual } from "node:crypto";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { clientIpFrom, isLoopback } from "@/lib/rate-limit";
import { readMetrics } from "@/lib/verification/metrics";

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
  const body = await readMetrics(await getDb());
  return new Response(body, {
    headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
  });
}
