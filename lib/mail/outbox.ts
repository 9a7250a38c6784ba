import "server-only";
import type { Database } from "@/db/client";
import { listRecentMail } from "@/db/queries/mail-queue";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { env } from "@/lib/env";

// The development outbox: recent queued mail, decrypted, for the dev-only page. Refuses to run in production.

export type OutboxMessageDto = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  status: string;
  createdAt: string;
};

export const devOutboxEnabled = () => env().APP_ENV !== "production";

export async function readDevOutbox(db: Database, limit = 50): Promise<OutboxMessageDto[]> {
  if (!devOutboxEnabled()) throw new Error("the development outbox is disabled in production");
  const rows = await listRecentMail(db, limit);
  const open = (value: string, column: "to" | "body", id: string) => {
    if (!value) return "";
    try {
      return decryptField(value, aadFor("mail_outbox", column, id));
    } catch {
      return "(unreadable with the current keys)";
    }
  };
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    to: open(r.toEnc, "to", r.id),
    subject: r.subject,
    text: open(r.bodyEnc, "body", r.id),
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  }));
}
