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

/** One event per subject, in one statement (none when there is no subject and `subjects` was a list). */
export async function recordAudit(
  db: Database,
  actor: AuditActor,
  action: string,
  subjects: AuditSubject | AuditSubject[] = {},
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
    })),
  );
}

/**
 * The older, untyped writer, kept for its remaining callers outside the services (scripts/agent.ts puts the
 * account acted on in actor_id). TODO(lead): move them to recordAudit (that id belongs in `ref`), then delete this.
 */
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

/**
 * An agent's own action, for lib/agent/sign-in.ts and the sign-out action (another helper's files).
 * TODO(lead): call recordAudit there and delete this.
 */
export const recordAgentEvent = (db: Database, e: { agentId: string; action: string }) =>
  recordAudit(db, { type: "agent", agentId: e.agentId }, e.action);
