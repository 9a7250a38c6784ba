import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { readMailBacklog } from "@/db/queries/mail-queue";
import { logError } from "@/lib/log";

// Load-balancer health check: 200 when the database answers, 503 otherwise. It also reports the mail queue
// (counts only, no personal data), so a long mail-server outage shows up on a dashboard rather than as a lost
// code: `mail.retrying` climbing, `mail.oldestQueuedSeconds` growing, `mail.failedLastWeek` above zero. The mail
// fields never change the status: the instance can still serve while the mail server is away.
export async function GET() {
  const headers = { "cache-control": "no-store" };
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    const mail = await readMailBacklog(db);
    return Response.json({ status: "ok", mail }, { headers });
  } catch (err) {
    logError("health", err);
    return Response.json({ status: "unavailable" }, { status: 503, headers });
  }
}
