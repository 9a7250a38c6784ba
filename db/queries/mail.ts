import "server-only";
import type { Database } from "@/db/client";
import { mailOutbox } from "@/db/schema";

/** Inserts one queued message, recipient and body already encrypted (lib/mail/queue.ts). */
export async function insertQueuedMail(
  db: Database,
  row: { id: string; kind: string; subject: string; toEnc: string; bodyEnc: string },
): Promise<void> {
  await db.insert(mailOutbox).values(row);
}
