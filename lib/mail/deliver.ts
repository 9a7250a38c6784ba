import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { getCurrentIncident } from "@/db/queries/incident";
import {
  type ClaimedMail,
  claimQueuedMail,
  markMailFailed,
  markMailSent,
  takeClaimedMail,
} from "@/db/queries/mail-queue";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { logError, logInfo } from "@/lib/log";
import { CODE_TTL_SECONDS } from "@/lib/verification/code";
import { renderMailHtml } from "./html";
import { mailSender, type Sender } from "./transport";

// Drains the mail queue. Safe to run from every instance and the worker at once: a batch is claimed under a token
// of this call's own; each message is taken (its lease renewed, its attempt counted) right before it is sent and
// marked sent right after the server accepts it, both only while the token is still ours. So a batch that
// outlasts its lease never sends a message twice, and a crash re-sends at most the one message whose acceptance
// had not yet been recorded (the single statement after the server's reply). Failures go back to the queue with
// a capped back-off for as long as the message is useful; last_error holds only the error's name and code.

/** A batch's rows stay reserved this long; rows not yet reached when it lapses go to the next sender. */
const CLAIM_LEASE_SECONDS = 60;
/** One message's lease while it is being sent: longer than the transport's timeouts (lib/mail/transport.ts). */
const SEND_LEASE_SECONDS = 120;
/** A server that refuses a message outright (5xx) this many times has refused it for good. */
export const MAX_REFUSALS = 5;

/** How long a message is worth sending: a code until its challenge has expired, anything else for days. */
function mailLifetimeSeconds(kind: string): number {
  if (kind === "verification_code") return CODE_TTL_SECONDS;
  return 3 * 24 * 3600;
}

/** Back-off after the n-th failed attempt: doubling from 30 s, capped at a tenth of the lifetime (30 s–15 min). */
export function retryDelaySeconds(kind: string, attempts: number): number {
  const cap = Math.max(30, Math.min(900, Math.floor(mailLifetimeSeconds(kind) / 10)));
  return Math.min(cap, 30 * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}

export type DeliveryReport = { sent: number; retried: number; failed: number };

const classify = (err: unknown) => {
  const e = err as { name?: string; code?: string; responseCode?: number };
  return {
    error: [e?.name ?? "Error", e?.code, e?.responseCode].filter(Boolean).join(" "),
    refused: typeof e?.responseCode === "number" && e.responseCode >= 500,
  };
};

/** Delivers up to `limit` queued messages, oldest first, or (with `ids`) those messages only. */
export async function deliverQueuedMail(
  db: Database,
  opts: { limit?: number; ids?: string[]; sender?: Sender } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const sender = opts.sender ?? (await mailSender());
  const token = randomUUID();
  const batch = await claimQueuedMail(db, opts.ids ? { ids: opts.ids } : { limit: opts.limit ?? 50 }, {
    leaseSeconds: CLAIM_LEASE_SECONDS,
    token,
  });
  // The sender's name is the organisation's (read once a batch): the person must see who writes to them.
  const fromName = batch.length ? ((await getCurrentIncident(db))?.organisation ?? null) : null;
  let lost = 0;
  for (const mail of batch) {
    const outcome = await deliverOne(db, mail, token, sender, fromName);
    if (outcome === "lost") lost++;
    else report[outcome]++;
  }
  if (batch.length) logInfo("mail.deliver", { ...report, lost, via: sender.kind });
  return report;
}

async function deliverOne(
  db: Database,
  mail: ClaimedMail,
  token: string,
  sender: Sender,
  fromName: string | null,
): Promise<keyof DeliveryReport | "lost"> {
  const expired = Date.now() >= mail.createdAt.getTime() + mailLifetimeSeconds(mail.kind) * 1000;
  if (expired) {
    // No longer useful (a code whose challenge has expired): wiped unsent, and counted on /api/health.
    await markMailFailed(db, mail.id, { token, error: "expired", final: true, retryAfterSeconds: 0 });
    logInfo("mail.expired", { mailId: mail.id, kind: mail.kind, attempts: mail.attempts });
    return "failed";
  }
  if (!(await takeClaimedMail(db, mail.id, { leaseSeconds: SEND_LEASE_SECONDS, token }))) return "lost";
  const attempts = mail.attempts + 1;
  try {
    const to = decryptField(mail.toEnc, aadFor("mail_outbox", "to", mail.id));
    const text = decryptField(mail.bodyEnc, aadFor("mail_outbox", "body", mail.id));
    await sender.send({ id: mail.id, to, subject: mail.subject, text, html: renderMailHtml(text), fromName });
  } catch (err) {
    const { error, refused } = classify(err);
    const final = refused && attempts >= MAX_REFUSALS;
    logError("mail.deliver", err, { mailId: mail.id, kind: mail.kind, attempts, final });
    await markMailFailed(db, mail.id, {
      token,
      error,
      final,
      retryAfterSeconds: retryDelaySeconds(mail.kind, attempts),
    });
    return final ? "failed" : "retried";
  }
  if (!(await markMailSent(db, mail.id, { token, wipe: sender.kind === "smtp" }))) {
    // Cannot happen while the send stays within its lease; if it does, say so (ids only).
    logError("mail.deliver", new Error("claim lost after sending"), { mailId: mail.id, kind: mail.kind });
  }
  return "sent";
}
