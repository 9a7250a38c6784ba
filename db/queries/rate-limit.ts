import "server-only";
import { lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rateLimits } from "@/db/schema";

// Fixed-window counters shared by every app instance. One INSERT … ON CONFLICT DO UPDATE … RETURNING per call:
// PostgreSQL takes the row lock for each bucket, so concurrent callers each see their own, exact count.
// Windows start on the database clock, so instances with skewed clocks still agree on them.

export type BucketHit = { bucket: string; windowSeconds: number };
export type BucketCount = { bucket: string; count: number; resetInSeconds: number };

/** Counts one attempt in every bucket (in the order given) and returns each bucket's count in its window. */
export async function hitBuckets(db: Database, hits: BucketHit[]): Promise<BucketCount[]> {
  if (hits.length === 0) return [];
  const windowStart = (seconds: number) =>
    sql`to_timestamp(floor(extract(epoch from now()) / ${seconds}::int) * ${seconds}::int)`;
  const rows = await db
    .insert(rateLimits)
    .values(hits.map((h) => ({ bucket: h.bucket, windowStart: windowStart(h.windowSeconds), count: 1 })))
    .onConflictDoUpdate({ target: [rateLimits.bucket, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({
      bucket: rateLimits.bucket,
      count: rateLimits.count,
      // Seconds from now to the start of this window; the window length is added by the caller's rule.
      sinceStart: sql<string>`extract(epoch from (now() - ${rateLimits.windowStart}))`,
    });
  return hits.map((h) => {
    const row = rows.find((r) => r.bucket === h.bucket);
    if (!row) throw new Error("rate limit bucket missing from RETURNING");
    return { bucket: h.bucket, count: row.count, resetInSeconds: Math.max(1, Math.ceil(h.windowSeconds - Number(row.sinceStart))) };
  });
}

/** Housekeeping: drops windows that ended long ago. */
export async function deleteRateLimitWindowsBefore(db: Database, before: Date): Promise<number> {
  const rows = await db.delete(rateLimits).where(lt(rateLimits.windowStart, before)).returning({ bucket: rateLimits.bucket });
  return rows.length;
}
