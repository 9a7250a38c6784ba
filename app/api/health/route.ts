import { getDb } from "@/db/client";
import { isDraining } from "@/lib/drain";
import { readHealth } from "@/lib/health";
import { logError } from "@/lib/log";

// Load-balancer health check: 200 when the database answers, 503 otherwise. It also reports the mail queue
// (counts only, no personal data), so a long mail-server outage shows up on a dashboard rather than as a lost
// code: `mail.retrying` climbing, `mail.oldestQueuedSeconds` growing, `mail.failedLastWeek` above zero. The mail
// fields never change the status: the instance can still serve while the mail server is away. While the instance
// drains before it stops (SIGTERM, scripts/portal-server.ts), it says 503 "draining" without asking the database.
export async function GET() {
  const headers = { "cache-control": "no-store" };
  if (isDraining()) return Response.json({ status: "draining" }, { status: 503, headers });
  try {
    const { mail } = await readHealth(await getDb());
    return Response.json({ status: "ok", mail }, { headers });
  } catch (err) {
    logError("health", err);
    return Response.json({ status: "unavailable" }, { status: 503, headers });
  }
}
