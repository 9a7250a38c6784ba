import "server-only";
import { lt, type SQL, sql } from "drizzle-orm";
import { type Database, executePrepared } from "@/db/client";
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
    .onConflictDoUpdate({
      target: [rateLimits.bucket, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({
      bucket: rateLimits.bucket,
      count: rateLimits.count,
      // Seconds from now to the start of this window; the window length is added by the caller's rule.
      sinceStart: sql<string>`extract(epoch from (now() - ${rateLimits.windowStart}))`,
    });
  return hits.map((h) => {
    const row = rows.find((r) => r.bucket === h.bucket);
    if (!row) throw new Error("rate limit bucket missing from RETURNING");
    return {
      bucket: h.bucket,
      count: row.count,
      resetInSeconds: Math.max(1, Math.ceil(h.windowSeconds - Number(row.sinceStart))),
    };
  });
}

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A row to insert when (and only when) the attempt is within every limit. */
export type GuardedChallenge = { id: string; requestEnc: string; language: string; ttlSeconds: number };

/** One attempt: `first` always counted; `after` only when `first` is within its limits; the challenge only when all are. */
export type Attempt = { first: LimitedBucket[]; after: LimitedBucket[]; challenge?: GuardedChallenge };

/**
 * Counts many attempts in ONE statement, with exactly the outcome each would get if they ran one after the other
 * in the order given (step one coalesces concurrent requests into such batches: one round trip for all of them).
 *
 * Per attempt: its `first` buckets (the client's) are always counted; its `after` buckets (booking reference,
 * global) only when nothing in `first` is over its limit, so a client already over its own limit does not use up
 * a traveller's budget; its challenge is inserted only when nothing is over. Each bucket's row is updated once,
 * by the number of attempts that hit it, and each attempt's own count is the row's previous count plus its rank
 * among them: exact under concurrency, because the row stays locked until the statement commits.
 * Locks are taken in one global order (every first-phase bucket by name, then every second-phase bucket by
 * name), so concurrent statements cannot deadlock.
 */
export async function countAttempts(db: Database, attempts: Attempt[]): Promise<AttemptDecision[]> {
  if (attempts.length === 0) return [];
  const buckets = attempts.flatMap((a, i) => [
    ...a.first.map((b) => ({ i, phase: 1, bucket: b.bucket, w: b.windowSeconds, lim: b.limit })),
    ...a.after.map((b) => ({ i, phase: 2, bucket: b.bucket, w: b.windowSeconds, lim: b.limit })),
  ]);
  const challenges = attempts.flatMap((a, i) =>
    a.challenge
      ? [
          {
            i,
            id: a.challenge.id,
            req: a.challenge.requestEnc,
            lang: a.challenge.language,
            ttl: a.challenge.ttlSeconds,
          },
        ]
      : [],
  );
  const phase = (n: 1 | 2, source: SQL) => sql`
      p${sql.raw(String(n))}_in as (${source}),
      p${sql.raw(String(n))}_agg as (select bucket, min(w) as w, count(*)::int as k from p${sql.raw(String(n))}_in group by bucket),
      p${sql.raw(String(n))}_hit as (
        insert into rate_limits (bucket, window_start, count)
        select bucket, ${windowStartOf(sql`w`)}, k from p${sql.raw(String(n))}_agg order by bucket
        on conflict (bucket, window_start) do update set count = rate_limits.count + excluded.count
        returning bucket, count, window_start),
      p${sql.raw(String(n))}_bad as (
        select b.i, max(b.w - extract(epoch from now() - h.window_start)) as reset
        from (select b.*, row_number() over (partition by b.bucket order by b.i) as rank from p${sql.raw(String(n))}_in b) b
        join p${sql.raw(String(n))}_agg a on a.bucket = b.bucket
        join p${sql.raw(String(n))}_hit h on h.bucket = b.bucket
        where h.count - a.k + b.rank > b.lim
        group by b.i)`;
  const rows = await executePrepared<{ i: number; allowed: boolean; reset: string | number | null }>(
    db,
    sql`
      with b as (select * from jsonb_to_recordset(${JSON.stringify(buckets)}::jsonb) as t(i int, phase int, bucket text, w int, lim int)),
      ${phase(1, sql`select * from b where phase = 1`)},
      ${phase(2, sql`select * from b where phase = 2 and i not in (select i from p1_bad)`)},
      bad as (select i, max(reset) as reset from (select * from p1_bad union all select * from p2_bad) x group by i),
      c as (select * from jsonb_to_recordset(${JSON.stringify(challenges)}::jsonb) as t(i int, id uuid, req text, lang text, ttl int)),
      ins as (
        insert into verification_challenges (id, status, request_enc, language, expires_at)
        select id, 'pending', req, lang, now() + make_interval(secs => ttl) from c where i not in (select i from bad)
        returning id)
      select n.i, bad.i is null as allowed, bad.reset, (select count(*) from ins) as inserted
      from generate_series(0, ${attempts.length - 1}::int) as n(i) left join bad on bad.i = n.i
      order by n.i`,
  );
  if (rows.length !== attempts.length) throw new Error("rate limit statement answered the wrong number of attempts");
  return rows.map((r) =>
    r.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(r.reset ?? 1))) },
  );
}

/** One attempt (see countAttempts). */
export async function countAttempt(db: Database, attempt: Attempt): Promise<AttemptDecision> {
  return (await countAttempts(db, [attempt]))[0]!;
}

/** Housekeeping: drops windows that ended long ago. */
export async function deleteRateLimitWindowsBefore(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, before))
    .returning({ bucket: rateLimits.bucket });
  return rows.length;
}
