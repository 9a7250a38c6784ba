import "server-only";
import type { Database } from "@/db/client";
import { claimQueuedMail, markMailFailed, markMailSent } from "@/db/queries/mail-queue";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { logError, logInfo } from "@/lib/log";
import { mailSender, type Sender } from "./transport";

// Drains the mail queue. Safe to run from every instance and the worker at once (rows are claimed with SKIP
// LOCKED and a lease). Failures go back to the queue with a growing delay; last_error holds only the error's
// name and code, never an address or a server reply that might echo one.

export const MAX_MAIL_ATTEMPTS = 5;
const LEASE_SECONDS = 120;
const retryDelaySeconds = (attempts: number) => Math.min(3600, 30 * 2 ** (attempts - 1));

export type DeliveryReport = { sent: number; retried: number; failed: number };

/** Delivers up to `limit` queued messages, oldest first, or (with `ids`) those messages only. */
export async function deliverQueuedMail(
  db: Database,
  opts: { limit?: number; ids?: string[]; sender?: Sender } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const sender = opts.sender ?? (await mailSender());
  const batch = await claimQueuedMail(db, opts.ids ? { ids: opts.ids } : { limit: opts.limit ?? 50 }, LEASE_SECONDS);
  // Successes are marked together at the end (one statement). A crash before that leaves them claimed; the lease
  // runs out and they are sent again: at-least-once, as with any mail queue.
  const sent: string[] = [];
  for (const mail of batch) {
    try {
      const to = decryptField(mail.toEnc, aadFor("mail_outbox", "to", mail.id));
      const text = decryptField(mail.bodyEnc, aadFor("mail_outbox", "body", mail.id));
      await sender.send({ to, subject: mail.subject, text });
      sent.push(mail.id);
      report.sent++;
    } catch (err) {
      const final = mail.attempts >= MAX_MAIL_ATTEMPTS;
      const e = err as { name?: string; code?: string; responseCode?: number };
      const error = [e?.name ?? "Error", e?.code, e?.responseCode].filter(Boolean).join(" ");
      logError("mail.deliver", err, { mailId: mail.id, kind: mail.kind, attempts: mail.attempts, final });
      await markMailFailed(db, mail.id, { error, final, retryAfterSeconds: retryDelaySeconds(mail.attempts) });
      if (final) report.failed++;
      else report.retried++;
    }
  }
  await markMailSent(db, sent, { wipe: sender.kind === "smtp" });
  if (batch.length) logInfo("mail.deliver", { ...report, via: sender.kind });
  return report;
}
