import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { type Database, executePrepared } from "@/db/client";
import { mailOutbox } from "@/db/schema";

// Delivery side of the mail queue (db/queries/mail.ts enqueues). Rows are claimed with FOR UPDATE SKIP LOCKED
// and a lease (locked_until), so any number of instances and workers can deliver without sending twice, and a
// crashed sender's rows come back after the lease.

export type ClaimedMail = {
  id: string;
  kind: string;
  toEnc: string;
  subject: string;
  bodyEnc: string;
  attempts: number;
};

/**
 * Claims up to `limit` queued messages (oldest first), or the queued ones among `ids`, for `leaseSeconds`,
 * counting the attempt now (a crash still counts).
 */
export async function claimQueuedMail(
  db: Database,
  which: { limit: number } | { ids: string[] },
  leaseSeconds: number,
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
  }>(
    db,
    sql`
      update mail_outbox
      set locked_until = now() + make_interval(secs => ${leaseSeconds}::int), attempts = attempts + 1
      where id in (${pick})
      returning id, kind, to_enc, subject, body_enc, attempts`,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    toEnc: r.to_enc,
    subject: r.subject,
    bodyEnc: r.body_enc,
    attempts: Number(r.attempts),
  }));
}

/**
 * Marks messages delivered, in one statement. `wipe` clears recipient and body (real SMTP delivery: the copy in
 * the database has no further use and holds a live code); the development outbox keeps them so its page can
 * show them.
 */
export async function markMailSent(db: Database, ids: string[], opts: { wipe: boolean }): Promise<void> {
  if (ids.length === 0) return;
  await executePrepared(
    db,
    sql`update mail_outbox
        set status = 'sent', sent_at = now(), locked_until = null, last_error = null,
          to_enc = case when ${opts.wipe}::boolean then '' else to_enc end, body_enc = case when ${opts.wipe}::boolean then '' else body_enc end
        where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`,
  );
}

/** Records a failed attempt: back in the queue after `retryAfterSeconds`, or failed for good. `error` holds no PII. */
export async function markMailFailed(
  db: Database,
  id: string,
  opts: { error: string; final: boolean; retryAfterSeconds: number },
): Promise<void> {
  await db
    .update(mailOutbox)
    .set({
      status: opts.final ? "failed" : "queued",
      lastError: opts.error.slice(0, 200),
      lockedUntil: opts.final ? null : sql`now() + make_interval(secs => ${opts.retryAfterSeconds}::int)`,
      ...(opts.final ? { toEnc: "", bodyEnc: "" } : {}),
    })
    .where(eq(mailOutbox.id, id));
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

/** Counts by status, for the worker's log line and tests. */
export async function countMailByStatus(db: Database): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: mailOutbox.status, n: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .groupBy(mailOutbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
