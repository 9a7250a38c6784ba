import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { type Database, executePrepared, rowsOf } from "@/db/client";
import { mailOutbox } from "@/db/schema";

// Delivery side of the mail queue (db/queries/mail.ts enqueues). A sender claims rows with FOR UPDATE SKIP LOCKED,
// a lease (locked_until) and a claim token of its own. Before each send it renews that one row's lease, and right
// after the server accepts it marks that row sent, both only while the token is still its own: a batch that
// outlasts its lease loses the rows it has not reached to the next sender instead of sending them twice.

export type ClaimedMail = {
  id: string;
  kind: string;
  toEnc: string;
  subject: string;
  bodyEnc: string;
  attempts: number;
  createdAt: Date;
};

/**
 * Claims up to `limit` queued messages (oldest first), or the queued ones among `ids`, for `leaseSeconds` under
 * `token`. The attempt is counted when the message is taken for sending (takeClaimedMail), not here.
 */
export async function claimQueuedMail(
  db: Database,
  which: { limit: number } | { ids: string[] },
  opts: { leaseSeconds: number; token: string },
): Promise<ClaimedMail[]> {
  if ("ids" in which && which.ids.length === 0) return [];
  // Two statements, not one with an OR: each gets its own plan (by primary key, or along the queued index).
  const pick =
    "ids" in which
      ? sql`select id from mail_outbox
            where id in (select jsonb_array_elements_text(${JSON.stringify(which.ids)}::jsonb)::uuid)
              and status = 'queued' and (locked_until is null or locked_until <= now())
            for update skip locked`
      : sql`select id from mail_outbox
            where status = 'queued' and (locked_until is null or locked_until <= now())
            order by created_at
            limit ${which.limit}
            for update skip locked`;
  const rows = await executePrepared<{
    id: string;
    kind: string;
    to_enc: string;
    subject: string;
    body_enc: string;
    attempts: number;
    created_at: Date | string;
  }>(
    db,
    sql`
      update mail_outbox
      set locked_until = now() + make_interval(secs => ${opts.leaseSeconds}::int), claim_token = ${opts.token}::uuid
      where id in (${pick})
      returning id, kind, to_enc, subject, body_enc, attempts, created_at`,
  );
  return rows
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      toEnc: r.to_enc,
      subject: r.subject,
      bodyEnc: r.body_enc,
      attempts: Number(r.attempts),
      createdAt: new Date(r.created_at),
    }))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * Right before sending one claimed message: renews its lease (so it cannot lapse while this one send runs, whose
 * timeouts are shorter than the lease) and counts the attempt, only if the claim is still `token`'s and the
 * message is still queued. False: another sender has it, or it went out; do not send it.
 */
export async function takeClaimedMail(
  db: Database,
  id: string,
  opts: { leaseSeconds: number; token: string },
): Promise<boolean> {
  const rows = await executePrepared<{ id: string }>(
    db,
    sql`update mail_outbox
        set locked_until = now() + make_interval(secs => ${opts.leaseSeconds}::int), attempts = attempts + 1
        where id = ${id}::uuid and claim_token = ${opts.token}::uuid and status = 'queued'
        returning id`,
  );
  return rows.length === 1;
}

/**
 * Marks one message delivered, right after the server accepted it, if the claim is still `token`'s (one
 * statement: the only window in which a crash sends a message twice). `wipe` clears recipient and body (real
 * SMTP delivery: the copy in the database has no further use and holds a live code); the development outbox
 * keeps them so its page can show them. False when the claim was no longer ours.
 */
export async function markMailSent(db: Database, id: string, opts: { token: string; wipe: boolean }): Promise<boolean> {
  const rows = await executePrepared<{ id: string }>(
    db,
    sql`update mail_outbox
        set status = 'sent', sent_at = now(), locked_until = null, claim_token = null, last_error = null,
          to_enc = case when ${opts.wipe}::boolean then '' else to_enc end,
          body_enc = case when ${opts.wipe}::boolean then '' else body_enc end
        where id = ${id}::uuid and claim_token = ${opts.token}::uuid and status = 'queued'
        returning id`,
  );
  return rows.length === 1;
}

/**
 * Records a failed attempt (if the claim is still `token`'s): back in the queue after `retryAfterSeconds`, or
 * failed for good, body wiped, when `final` (expired, or refused for good by the server). `error` holds no PII.
 */
export async function markMailFailed(
  db: Database,
  id: string,
  opts: { token: string; error: string; final: boolean; retryAfterSeconds: number },
): Promise<void> {
  await db
    .update(mailOutbox)
    .set({
      status: opts.final ? "failed" : "queued",
      lastError: opts.error.slice(0, 200),
      claimToken: null,
      lockedUntil: opts.final ? null : sql`now() + make_interval(secs => ${opts.retryAfterSeconds}::int)`,
      ...(opts.final ? { toEnc: "", bodyEnc: "" } : {}),
    })
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.claimToken, opts.token), eq(mailOutbox.status, "queued")));
}

export type MailBacklog = {
  /** Messages waiting to go out. */
  queued: number;
  /** Of those, how many have failed at least once (the mail server refused or could not be reached). */
  retrying: number;
  /** Age in seconds of the oldest queued message (0 when none). */
  oldestQueuedSeconds: number;
  /** Messages given up on among those queued in the last 7 days (expired unsent, or refused for good). */
  failedLastWeek: number;
};

/** The queue's state for /api/health and the worker's log line: counts only. */
export async function readMailBacklog(db: Database): Promise<MailBacklog> {
  const [r] = rowsOf<{ queued: number; retrying: number; oldest: number | null; failed: number }>(
    await db.execute(sql`
      select
        (select count(*)::int from mail_outbox where status = 'queued') as queued,
        (select count(*)::int from mail_outbox where status = 'queued' and attempts > 0) as retrying,
        (select extract(epoch from now() - min(created_at))::int from mail_outbox where status = 'queued') as oldest,
        (select count(*)::int from mail_outbox
          where status = 'failed' and created_at > now() - interval '7 days') as failed`),
  );
  return {
    queued: Number(r?.queued ?? 0),
    retrying: Number(r?.retrying ?? 0),
    oldestQueuedSeconds: Number(r?.oldest ?? 0),
    failedLastWeek: Number(r?.failed ?? 0),
  };
}

export type OutboxRow = {
  id: string;
  kind: string;
  toEnc: string;
  subject: string;
  bodyEnc: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
};

/** Newest messages first (development outbox page). */
export async function listRecentMail(db: Database, limit: number): Promise<OutboxRow[]> {
  return db
    .select({
      id: mailOutbox.id,
      kind: mailOutbox.kind,
      toEnc: mailOutbox.toEnc,
      subject: mailOutbox.subject,
      bodyEnc: mailOutbox.bodyEnc,
      status: mailOutbox.status,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit);
}
