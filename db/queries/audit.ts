import "server-only";
import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db/client";
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

/**
 * One audit event as the chain hashes it: every field as the database's own text (ids exact at any size), `atMicros`
 * being `at` in whole microseconds since the epoch.
 */
export type AuditChainRow = {
  id: string;
  atMicros: string | null;
  actorType: string | null;
  actorId: string | null;
  ref: string | null;
  action: string | null;
  personId: string | null;
  bookingId: string | null;
  reason: string | null;
  requestId: string | null;
  detail: string | null;
  prevHash: string | null;
  hash: string | null;
};

/**
 * Up to `limit` events after id `afterId`, in id order (a keyset page: the index walk costs the same anywhere).
 * `e.id`, not `id`: the output column of that name is text, and ordering by it would put 10 before 2.
 */
export async function readAuditChainPage(db: Database, afterId: string, limit: number): Promise<AuditChainRow[]> {
  return rowsOf<AuditChainRow>(
    await db.execute(sql`
      select e.id::text as "id", (extract(epoch from at) * 1000000)::bigint::text as "atMicros", actor_type as "actorType",
        actor_id as "actorId", ref, action, person_id::text as "personId", booking_id::text as "bookingId", reason,
        request_id as "requestId", detail, prev_hash as "prevHash", hash
      from audit_events e where e.id > ${afterId}::bigint order by e.id limit ${limit}`),
  );
}

/** Where the database says the chain ends (null when the head row is missing). */
export async function readAuditChainHead(db: Database): Promise<{ lastId: string | null; lastHash: string } | null> {
  const [row] = rowsOf<{ lastId: string | null; lastHash: string }>(
    await db.execute(sql`select last_id::text as "lastId", last_hash as "lastHash" from audit_chain_head where id = 1`),
  );
  return row ?? null;
}
