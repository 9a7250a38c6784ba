import "server-only";
import { lt, sql, type SQL } from "drizzle-orm";
import { executePrepared, type Database } from "@/db/client";
import { rateLimits } from "@/db/schema";

// Fixed-window counters shared by every app instance. Counting is INSERT … ON CONFLICT DO UPDATE … RETURNING:
// PostgreSQL takes the row lock for each bucket, so concurrent callers each see their own, exact count.
// Windows start on the database clock, so instances with skewed clocks still agree on them.

export type BucketHit = { bucket: string; windowSeconds: number };
export type BucketCount = { bucket: string; count: number; resetInSeconds: number };
export type LimitedBucket = BucketHit & { limit: number };

const windowStartOf = (seconds: SQL) => sql`to_timestamp(floor(extract(epoch from now()) / ${seconds}) * ${seconds})`;

/** Counts one attempt in every bucket (in the order given) and returns each bucket's count in its window. */
export async function hitBuckets(db: Database, hits: BucketHit[]): Promise<BucketCount[]> {
  if (hits.length === 0) return [];
  const rows = await db
    .insert(rateLimits)
    .values(hits.map((h) => ({ bucket: h.bucket, windowStart: windowStartOf(sql`${h.windowSeconds}::int`), count: 1 })))
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

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A row to insert when (and only when) the attempt is within every limit. */
export type GuardedChallenge = { id: string; requestEnc: string; language: string; ttlSeconds: number };

const asRecordset = (buckets: LimitedBucket[]) =>
  sql`jsonb_to_recordset(${JSON.stringify(buckets.map((b, ord) => ({ bucket: b.bucket, w: b.windowSeconds, lim: b.limit, ord })))}::jsonb)
      as t(bucket text, w int, lim int, ord int)`;

/**
 * Counts one attempt against two groups of buckets in ONE statement (one round trip on the hot path of launch
 * day): `first` is always counted; `then` only when nothing in `first` is over its limit (so a client already over
 * its own limit does not use up a booking reference's budget); `challenge` is inserted only when nothing is over.
 * Locks are taken in a fixed order (first's buckets, then then's, each in the order given), so concurrent calls
 * cannot deadlock.
 */
export async function countAttempt(
  db: Database,
  opts: { first: LimitedBucket[]; then: LimitedBucket[]; challenge?: GuardedChallenge },
): Promise<AttemptDecision> {
  const c = opts.challenge;
  const insertChallenge = c
    ? sql`insert into verification_challenges (id, status, request_enc, language, expires_at)
          select ${c.id}::uuid, 'pending', ${c.requestEnc}, ${c.language}, now() + make_interval(secs => ${c.ttlSeconds}::int)
          where not exists (select 1 from first_over) and not exists (select 1 from then_over)
          returning id`
    : sql`select null::uuid as id where false`;
  const [row] = await executePrepared<{ allowed: boolean; reset: string | number | null }>(
    db,
    sql`
      with first_in as (select * from ${asRecordset(opts.first)}),
      then_in as (select * from ${asRecordset(opts.then)}),
      first_hit as (
        insert into rate_limits (bucket, window_start, count)
        select bucket, ${windowStartOf(sql`w`)}, 1 from first_in order by ord
        on conflict (bucket, window_start) do update set count = rate_limits.count + 1
        returning bucket, count, window_start),
      first_over as (
        select i.w - extract(epoch from now() - h.window_start) as reset
        from first_hit h join first_in i on i.bucket = h.bucket where h.count > i.lim),
      then_hit as (
        insert into rate_limits (bucket, window_start, count)
        select bucket, ${windowStartOf(sql`w`)}, 1 from then_in where not exists (select 1 from first_over) order by ord
        on conflict (bucket, window_start) do update set count = rate_limits.count + 1
        returning bucket, count, window_start),
      then_over as (
        select i.w - extract(epoch from now() - h.window_start) as reset
        from then_hit h join then_in i on i.bucket = h.bucket where h.count > i.lim),
      challenge as (${insertChallenge})
      select not exists (select 1 from first_over) and not exists (select 1 from then_over) as allowed,
        (select max(reset) from (select reset from first_over union all select reset from then_over) r) as reset,
        (select count(*) from challenge) as inserted`,
  );
  if (!row) throw new Error("rate limit statement returned no row");
  if (row.allowed) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(row.reset ?? 1))) };
}

/** Housekeeping: drops windows that ended long ago. */
export async function deleteRateLimitWindowsBefore(db: Database, before: Date): Promise<number> {
  const rows = await db.delete(rateLimits).where(lt(rateLimits.windowStart, before)).returning({ bucket: rateLimits.bucket });
  return rows.length;
}
