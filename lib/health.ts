import "server-only";
import type { Database } from "@/db/client";
import { type MailBacklog, readMailBacklog } from "@/db/queries/mail-queue";

/**
 * What /api/health reports: the mail queue's counts (no personal data). Reading them is the database check too:
 * it throws when the database does not answer, and the route then says 503.
 */
export async function readHealth(db: Database): Promise<{ mail: MailBacklog }> {
  return { mail: await readMailBacklog(db) };
}
