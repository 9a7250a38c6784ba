import "server-only";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";

// The one writer of audit_events: ids only, never personal data. `actor_id` has one meaning, the actor's own id.

/** Who acted: a verified traveller (person id), a signed-in agent, or the command line (no id). */
export type AuditActor = { type: "traveller"; personId: number } | { type: "agent"; agentId: string } | { type: "cli" };

/** Whose record an event touched, and anything else it is about (a challenge id, the agent account changed). */
export type AuditSubject = { personId?: number; bookingId?: number; ref?: string };

const actorColumns = (a: AuditActor) =>
  a.type === "traveller"
    ? { actorType: "traveller", actorId: String(a.personId) }
    : a.type === "agent"
      ? { actorType: "agent", actorId: a.agentId }
      : { actorType: "cli", actorId: null };

/** Said once for all of an event's subjects: never personal data (ids, a reason code, a blind index). */
export type AuditContext = { reason?: string; requestId?: string; detail?: string };

/** One event per subject, in one statement (none when there is no subject and `subjects` was a list). */
export async function recordAudit(
  db: Database,
  actor: AuditActor,
  action: string,
  subjects: AuditSubject | AuditSubject[] = {},
  context: AuditContext = {},
): Promise<void> {
  const list = Array.isArray(subjects) ? subjects : [subjects];
  if (list.length === 0) return;
  const who = actorColumns(actor);
  await db.insert(auditEvents).values(
    list.map((s) => ({
      ...who,
      action,
      personId: s.personId ?? null,
      bookingId: s.bookingId ?? null,
      ref: s.ref ?? null,
      reason: context.reason ?? null,
      requestId: context.requestId ?? null,
      detail: context.detail ?? null,
    })),
  );
}
