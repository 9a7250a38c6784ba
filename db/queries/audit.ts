import "server-only";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";

/** One audit event: who (actor type and id) did what, to whose record (ids only, never personal data). */
export async function recordAuditEvent(
  db: Database,
  e: { actorType: string; actorId: string | null; action: string; personId?: number; bookingId?: number },
): Promise<void> {
  await db.insert(auditEvents).values({
    actorType: e.actorType,
    actorId: e.actorId,
    action: e.action,
    personId: e.personId ?? null,
    bookingId: e.bookingId ?? null,
  });
}

/** What an agent saw: one event per record shown, in one statement (ids only). */
export async function recordAgentViews(
  db: Database,
  agentId: string,
  action: string,
  records: Array<{ personId: number; bookingId: number }>,
): Promise<void> {
  if (records.length === 0) return;
  await db.insert(auditEvents).values(
    records.map((r) => ({
      actorType: "agent",
      actorId: agentId,
      action,
      personId: r.personId,
      bookingId: r.bookingId,
    })),
  );
}

/** An agent's own action (ids only). */
export const recordAgentEvent = (
  db: Database,
  e: { agentId: string; action: string; personId?: number; bookingId?: number },
) =>
  recordAuditEvent(db, {
    actorType: "agent",
    actorId: e.agentId,
    action: e.action,
    personId: e.personId,
    bookingId: e.bookingId,
  });
