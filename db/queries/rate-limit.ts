import "server-only";
import { lt, type SQL, sql } from "drizzle-orm";
import { type Database, executePrepared } from "@/db/client";
import { rateLimits } from "@/db/schema";

// Fixed-window counters shared by every app instance. Counting is INSERT … ON CONFLICT DO UPDATE … RETURNING:
// PostgreSQL takes the row lock for each bucket, so concurrent callers each see their own, exact count.
// Windows start on the database clock, so instances with skewed clocks still agree on them.

/** A counter and its limit in one fixed window. A soft one never refuses: going over it switches to `busy`. */
export type LimitedBucket = { bucket: string; windowSeconds: number; limit: number; soft?: boolean };

const windowStartOf = (seconds: SQL) => sql`to_timestamp(floor(extract(epoch from now()) / ${seconds}) * ${seconds})`;

/**
 * The outcome of one attempt. `busy`: a soft bucket was over its limit (the attempt then needed its `busy`
 * buckets); `firstOver`: this attempt is the one that took a soft bucket past its limit (once per window: what an
 * alert keys on).
 */
export type AttemptDecision =
  | { allowed: true; busy?: boolean; firstOver?: boolean }
  | { allowed: false; retryAfterSeconds: number; busy?: boolean; firstOver?: boolean };

/** A row to insert when (and only when) the attempt is within every limit. */
export type GuardedChallenge = { id: string; requestEnc: string; language: string; ttlSeconds: number };

/**
 * One attempt: `first` always counted; `after` only when `first` is within its limits; `busy` only when a soft
 * bucket of `after` is over its limit (and the rest within theirs); the challenge only when nothing is over.
 */
export type Attempt = {
  first: LimitedBucket[];
  after: LimitedBucket[];
  busy?: LimitedBucket[];
  challenge?: GuardedChallenge;
};

/**
 * Counts many attempts in ONE statement, with exactly the outcome each would get if they ran one after the other
 * in the order given (step one coalesces concurrent requests into such batches: one round trip for all of them).
 *
 * Per attempt: its `first` buckets (the client's) are always counted; its `after` buckets (booking reference,
 * global) only when nothing in `first` is over its limit, so a client already over its own limit does not use up
 * a traveller's budget; its `busy` buckets only when a soft bucket is over; its challenge is inserted only when
 * nothing is over. Each bucket's row is updated once, by the number of attempts that hit it, and each attempt's
 * own count is the row's previous count plus its rank among them: exact under concurrency, because the row stays
 * locked until the statement commits. Locks are taken in one global order (every first-phase bucket by name,
 * then every second-phase bucket, then every busy bucket: the phases never share a bucket), so concurrent
 * statements cannot deadlock.
 */
export async function countAttempts(db: Database, attempts: Attempt[]): Promise<AttemptDecision[]> {
  if (attempts.length === 0) return [];
  const buckets = attempts.flatMap((a, i) =>
    ([a.first, a.after, a.busy ?? []] as const).flatMap((list, p) =>
      list.map((b) => ({ i, phase: p + 1, bucket: b.bucket, w: b.windowSeconds, lim: b.limit, soft: !!b.soft })),
    ),
  );
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
  const phase = (n: 1 | 2 | 3, source: SQL) => {
    const p = sql.raw(`p${n}`);
    return sql`
      ${p}_in as (${source}),
      ${p}_agg as (select bucket, min(w) as w, count(*)::int as k from ${p}_in group by bucket),
      ${p}_hit as (
        insert into rate_limits (bucket, window_start, count)
        select bucket, ${windowStartOf(sql`w`)}, k from ${p}_agg order by bucket
        on conflict (bucket, window_start) do update set count = rate_limits.count + excluded.count
        returning bucket, count, window_start),
      ${p}_n as (
        select b.i, b.soft, b.lim, b.w - extract(epoch from now() - h.window_start) as reset, h.count - a.k + b.rank as n
        from (select b.*, row_number() over (partition by b.bucket order by b.i) as rank from ${p}_in b) b
        join ${p}_agg a on a.bucket = b.bucket
        join ${p}_hit h on h.bucket = b.bucket),
      ${p}_bad as (select i, max(reset) as reset from ${p}_n where not soft and n > lim group by i),
      ${p}_soft as (select i, bool_or(n = lim + 1) as first_over from ${p}_n where soft and n > lim group by i)`;
  };
  const rows = await executePrepared<{
    i: number;
    allowed: boolean;
    reset: string | number | null;
    busy: boolean;
    first_over: boolean | null;
  }>(
    db,
    sql`
      with b as (select * from jsonb_to_recordset(${JSON.stringify(buckets)}::jsonb) as t(i int, phase int, bucket text, w int, lim int, soft boolean)),
      ${phase(1, sql`select * from b where phase = 1`)},
      ${phase(2, sql`select * from b where phase = 2 and i not in (select i from p1_bad)`)},
      ${phase(
        3,
        sql`select * from b where phase = 3 and i in (select i from p2_soft)
          and i not in (select i from p1_bad) and i not in (select i from p2_bad)`,
      )},
      bad as (select i, max(reset) as reset from (select * from p1_bad union all select * from p2_bad union all select * from p3_bad) x group by i),
      c as (select * from jsonb_to_recordset(${JSON.stringify(challenges)}::jsonb) as t(i int, id uuid, req text, lang text, ttl int)),
      ins as (
        insert into verification_challenges (id, status, request_enc, language, expires_at)
        select id, 'pending', req, lang, now() + make_interval(secs => ttl) from c where i not in (select i from bad)
        returning id)
      select n.i, bad.i is null as allowed, bad.reset, p2_soft.i is not null as busy, p2_soft.first_over,
        (select count(*) from ins) as inserted
      from generate_series(0, ${attempts.length - 1}::int) as n(i)
      left join bad on bad.i = n.i left join p2_soft on p2_soft.i = n.i
      order by n.i`,
  );
  if (rows.length !== attempts.length) throw new Error("rate limit statement answered the wrong number of attempts");
  return rows.map((r) => {
    const extra = { ...(r.busy ? { busy: true } : {}), ...(r.first_over ? { firstOver: true } : {}) };
    return r.allowed
      ? { allowed: true, ...extra }
      : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(r.reset ?? 1))), ...extra };
  });
}

/** One attempt (see countAttempts). */
export async function countAttempt(db: Database, attempt: Attempt): Promise<AttemptDecision> {
  return (await countAttempts(db, [attempt]))[0]!;
}

/**
 * Takes one attempt back out of these buckets' current windows (a code that turned out right is not a failure).
 * A window that ended in between is left alone.
 */
export async function refundAttempt(db: Database, buckets: LimitedBucket[]): Promise<void> {
  if (buckets.length === 0) return;
  const list = buckets.map((b) => ({ bucket: b.bucket, w: b.windowSeconds }));
  await executePrepared(
    db,
    sql`
      update rate_limits r set count = greatest(r.count - 1, 0)
      from jsonb_to_recordset(${JSON.stringify(list)}::jsonb) as t(bucket text, w int)
      where r.bucket = t.bucket and r.window_start = ${windowStartOf(sql`t.w`)}
      returning r.bucket`,
  );
}

/** The current count of a bucket (for the metrics page), 0 when it has none yet. */
export async function currentCount(db: Database, bucket: LimitedBucket): Promise<number> {
  const rows = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(
      sql`${rateLimits.bucket} = ${bucket.bucket} and ${rateLimits.windowStart} = ${windowStartOf(sql`${bucket.windowSeconds}::int`)}`,
    );
  return rows[0]?.count ?? 0;
}

/** Housekeeping: drops windows that ended long ago. */
export async function deleteRateLimitWindowsBefore(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, before))
    .returning({ bucket: rateLimits.bucket });
  return rows.length;
}
