import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { insertQueuedMail } from "@/db/queries/mail";
import { aadFor, encryptField } from "@/lib/crypto/field-encryption";

export type OutgoingMail = { kind: string; to: string; subject: string; text: string };

/**
 * Queues one message. Recipient and body are encrypted, bound to the row id; delivery happens elsewhere
 * (lib/mail/deliver.ts), so a slow mail server never slows a page and several instances share one queue.
 */
export async function enqueueMail(db: Database, mail: OutgoingMail): Promise<{ id: string }> {
  const id = randomUUID();
  await insertQueuedMail(db, {
    id,
    kind: mail.kind,
    subject: mail.subject,
    toEnc: encryptField(mail.to, aadFor("mail_outbox", "to", id)),
    bodyEnc: encryptField(mail.text, aadFor("mail_outbox", "body", id)),
  });
  return { id };
}
