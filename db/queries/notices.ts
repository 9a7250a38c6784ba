import "server-only";
import { sql } from "drizzle-orm";
import { type Database, executePrepared, rowsOf } from "@/db/client";
import type { NoticeKind } from "@/db/schema";

// Breach notices (db/schema/notices.ts): queueing them (prepare, companions, reminders) and the sender's claim →
// send → record. Rows in, rows out; the rules are in lib/notices/*.
//
// The claim needs no column of its own: `due_at` is the lease (a claimed notice is not due again until its lease
// lapses) and `attempts`, raised by every claim, is the claim's token (a sender records only while `attempts` is
// still the value its claim returned, so a sender whose lease lapsed and was taken over records nothing).

/** The id range of people, for prepare's chunks (null when there is nobody). */
export async function peopleIdRange(db: Database): Promise<{ min: number; max: number } | null> {
  const [r] = rowsOf<{ min: string | number | null; max: string | number | null }>(
    await db.execute(sql`select min(id) as min, max(id) as max from people`),
  );
  if (r?.min == null || r.max == null) return null;
  return { min: Number(r.min), max: Number(r.max) };
}

export type PrepareCounts = { email: number; letter: number; already: number };

/**
 * Queues the initial notice of everyone with fromId ≤ id < toId who has none: by email when an address is on file,
 * else by letter. One set-based statement per chunk; ON CONFLICT on the person-level unique index makes it
 * idempotent (and safe beside another prepare). `already`: people in the range who had one.
 */
export async function queueInitialNotices(db: Database, fromId: number, toId: number): Promise<PrepareCounts> {
  const [r] = rowsOf<{ total: number; email: number; letter: number }>(
    await db.execute(sql`
      with ins as (
        insert into notices (person_id, kind, channel)
        select p.id, 'initial', case when p.email_bidx is not null then 'email' else 'letter' end
        from people p
        where p.id >= ${fromId} and p.id < ${toId}
          and not exists (
            select 1 from notices n where n.person_id = p.id and n.kind = 'initial' and n.companion_flag_id is null)
        on conflict (person_id, kind, channel) where companion_flag_id is null do nothing
        returning channel)
      select (select count(*)::int from people where id >= ${fromId} and id < ${toId}) as total,
        (select count(*)::int from ins where channel = 'email') as email,
        (select count(*)::int from ins where channel = 'letter') as letter`),
  );
  const email = Number(r?.email ?? 0);
  const letter = Number(r?.letter ?? 0);
  return { email, letter, already: Number(r?.total ?? 0) - email - letter };
}

export type ClaimedNotice = { id: number; attempts: number };

/**
 * Claims up to `limit` email notices that are due (oldest due first; no tie-break on id, which would make the
 * index scan read every notice of the same prepare chunk, all due at one instant), leasing them for `leaseSeconds`: their
 * due_at moves to the lease's end and attempts goes up by one (the claim's token).
 */
export async function claimDueEmailNotices(
  db: Database,
  opts: { limit: number; leaseSeconds: number },
): Promise<ClaimedNotice[]> {
  const rows = await executePrepared<{ id: string | number; attempts: number }>(
    db,
    sql`update notices set due_at = now() + make_interval(secs => ${opts.leaseSeconds}::int), attempts = attempts + 1
        where id in (
          select id from notices
          where status = 'queued' and channel = 'email' and due_at <= now()
          order by due_at
          limit ${opts.limit}
          for update skip locked)
        returning id, attempts`,
  );
  return rows.map((r) => ({ id: Number(r.id), attempts: Number(r.attempts) })).sort((a, b) => a.id - b.id);
}

/**
 * Right before sending one claimed notice: renews its lease, only while the claim is still this one (same
 * attempts, still queued). False: another sender took it over or it was recorded; do not send it.
 */
export async function renewNoticeLease(db: Database, n: ClaimedNotice, leaseSeconds: number): Promise<boolean> {
  const rows = await executePrepared<{ id: string }>(
    db,
    sql`update notices set due_at = now() + make_interval(secs => ${leaseSeconds}::int)
        where id = ${n.id} and status = 'queued' and attempts = ${n.attempts}
        returning id`,
  );
  return rows.length === 1;
}

/**
 * Records that the SMTP server accepted the notice: ONE statement, the only moment in which a sender killed after
 * the server's answer leaves a notice to be sent again (with the same Message-ID). False: the claim was not ours.
 */
export async function markNoticeSent(db: Database, n: ClaimedNotice): Promise<boolean> {
  const rows = await executePrepared<{ id: string }>(
    db,
    sql`update notices set status = 'sent', sent_at = now(), last_error = null
        where id = ${n.id} and status = 'queued' and attempts = ${n.attempts}
        returning id`,
  );
  return rows.length === 1;
}

/** A temporary failure: the notice is due again after `retryAfterSeconds`. `error` holds no PII. */
export async function markNoticeRetry(
  db: Database,
  n: ClaimedNotice,
  opts: { error: string; retryAfterSeconds: number },
): Promise<void> {
  await db.execute(sql`
    update notices set due_at = now() + make_interval(secs => ${opts.retryAfterSeconds}::int),
      last_error = ${opts.error.slice(0, 200)}
    where id = ${n.id} and status = 'queued' and attempts = ${n.attempts}`);
}

/** A notice no longer owed (compose said so: enrolled before a reminder, past the deadline). */
export async function markNoticeCancelled(db: Database, n: ClaimedNotice): Promise<void> {
  await db.execute(sql`
    update notices set status = 'cancelled' where id = ${n.id} and status = 'queued' and attempts = ${n.attempts}`);
}

/**
 * A permanent failure: the notice is undeliverable and, in the same transaction, a letter is queued for the same
 * person (kind `letterKind`; none when null). Returns whether the claim was still ours.
 */
export async function markNoticeUndeliverable(
  db: Database,
  n: ClaimedNotice,
  opts: { error: string; letterKind: NoticeKind | null },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = rowsOf<{ person_id: string | number }>(
      await tx.execute(sql`
        update notices set status = 'undeliverable', last_error = ${opts.error.slice(0, 200)}
        where id = ${n.id} and status = 'queued' and attempts = ${n.attempts}
        returning person_id`),
    );
    const row = rows[0];
    if (!row) return false;
    if (opts.letterKind) {
      await tx.execute(sql`
        insert into notices (person_id, kind, channel) values (${Number(row.person_id)}, ${opts.letterKind}, 'letter')
        on conflict (person_id, kind, channel) where companion_flag_id is null do nothing`);
    }
    return true;
  });
}

/** What the sender needs to know about a notice besides its content. */
export async function getNoticeKind(
  db: Database,
  id: number,
): Promise<{ kind: NoticeKind; personId: number; companionFlagId: string | null } | null> {
  const [r] = rowsOf<{ kind: NoticeKind; person_id: string | number; companion_flag_id: string | null }>(
    await db.execute(sql`select kind, person_id, companion_flag_id from notices where id = ${id}`),
  );
  return r ? { kind: r.kind, personId: Number(r.person_id), companionFlagId: r.companion_flag_id } : null;
}

/**
 * Whether an email notice is due now or within `withinSeconds` (a lease or a short back-off about to lapse):
 * `notices -- send` waits for those before it exits.
 */
export async function nextEmailNoticeDue(db: Database, withinSeconds: number): Promise<Date | null> {
  const [r] = rowsOf<{ due: Date | string | null }>(
    await db.execute(sql`
      select min(due_at) as due from notices
      where status = 'queued' and channel = 'email'
        and due_at <= now() + make_interval(secs => ${withinSeconds}::int)`),
  );
  return r?.due ? new Date(r.due) : null;
}

/** Counts by channel and status (the commands' summaries, tests, the benchmark). */
export async function countNotices(db: Database): Promise<Array<{ channel: string; status: string; n: number }>> {
  return rowsOf<{ channel: string; status: string; n: number }>(
    await db.execute(sql`select channel, status, count(*)::int as n from notices group by 1, 2 order by 1, 2`),
  ).map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * A companion flag's notice, in the flag's own transaction: `companion` to the companion's own email on file, or
 * `companion_contact` to an address a traveller gave. Once per flag and kind.
 */
export async function queueCompanionNotice(
  db: Database,
  v: { flagId: string; companionPersonId: number; kind: "companion" | "companion_contact" },
): Promise<boolean> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into notices (person_id, kind, channel, companion_flag_id)
      values (${v.companionPersonId}, ${v.kind}, 'email', ${v.flagId}::uuid)
      on conflict (companion_flag_id, kind) where companion_flag_id is not null do nothing
      returning id`),
  );
  return rows.length === 1;
}

/** Whether a person has an email address on file. */
export async function personHasEmail(db: Database, personId: number): Promise<boolean> {
  const [r] = rowsOf<{ has: boolean }>(
    await db.execute(sql`select (email_bidx is not null) as has from people where id = ${personId}`),
  );
  return Boolean(r?.has);
}

/**
 * Queues reminder `kind` (due now) for everyone notified (an initial notice sent or printed) and not enrolled,
 * by email unless they have no address or an email to them failed for good, then by letter. Idempotent.
 */
export async function queueReminders(db: Database, kind: "reminder_30" | "reminder_7"): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`
      with ins as (
        insert into notices (person_id, kind, channel)
        select p.id, ${kind},
          case when p.email_bidx is not null and not exists (
            select 1 from notices b where b.person_id = p.id and b.channel = 'email' and b.status = 'undeliverable')
          then 'email' else 'letter' end
        from people p
        where exists (
            select 1 from notices i where i.person_id = p.id and i.kind = 'initial' and i.status in ('sent', 'printed'))
          and not exists (select 1 from monitoring_enrolments e where e.person_id = p.id)
        on conflict (person_id, kind, channel) where companion_flag_id is null do nothing
        returning 1)
      select count(*)::int as n from ins`),
  );
  return Number(rows[0]?.n ?? 0);
}

/** Cancels queued reminders no longer owed: the person enrolled, or (`pastDeadline`) every one of them. */
export async function cancelRemindersNotOwed(db: Database, pastDeadline: boolean): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`
      with c as (
        update notices n set status = 'cancelled'
        where n.status = 'queued' and n.kind in ('reminder_30', 'reminder_7')
          and (${pastDeadline}::boolean
            or exists (select 1 from monitoring_enrolments e where e.person_id = n.person_id))
        returning 1)
      select count(*)::int as n from c`),
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Takes up to `want` of the `limit` sends allowed in the current second for `bucket`, from a row in rate_limits
 * shared by every sender (so NOTICE_RATE holds across processes and machines). The first statement creates or
 * locks the window's row and reads its count; the second adds what was granted. `msLeft`: until the next window.
 */
export async function takeRateTokens(
  db: Database,
  v: { bucket: string; want: number; limit: number },
): Promise<{ granted: number; msLeft: number }> {
  return db.transaction(async (tx) => {
    const [w] = rowsOf<{ window_start: Date | string; count: number; ms_left: number }>(
      await tx.execute(sql`
        insert into rate_limits as r (bucket, window_start, count)
        values (${v.bucket}, date_trunc('second', clock_timestamp()), 0)
        on conflict (bucket, window_start) do update set count = r.count
        returning r.window_start, r.count,
          ceil(extract(epoch from (r.window_start + interval '1 second' - clock_timestamp())) * 1000)::int as ms_left`),
    );
    if (!w) throw new Error("rate window upsert returned no row");
    const granted = Math.max(0, Math.min(v.want, v.limit - Number(w.count)));
    if (granted > 0) {
      await tx.execute(sql`
        update rate_limits set count = count + ${granted}
        where bucket = ${v.bucket} and window_start = ${new Date(w.window_start).toISOString()}::timestamptz`);
    }
    return { granted, msLeft: Math.max(1, Number(w.ms_left)) };
  });
}
