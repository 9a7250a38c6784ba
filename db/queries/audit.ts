import "server-only";
import { type SQL, sql } from "drizzle-orm";
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

/** What the supervisors' log filters on; every part optional (at: from inclusive, to exclusive). */
export type AuditLogFilter = { agentId?: string; personId?: number; action?: string; from?: Date; to?: Date };

export type AuditLogRow = {
  id: string;
  atMs: number;
  actorType: string;
  actorId: string | null;
  /** The agent's display name, when the actor is an agent account. */
  actorName: string | null;
  action: string;
  personId: string | null;
  reason: string | null;
  requestId: string | null;
};

function logConditions(f: AuditLogFilter): SQL[] {
  const c: SQL[] = [];
  if (f.agentId !== undefined) c.push(sql`e.actor_type = 'agent' and e.actor_id = ${f.agentId}`);
  if (f.personId !== undefined) c.push(sql`e.person_id = ${f.personId}`);
  if (f.action !== undefined) c.push(sql`e.action = ${f.action}`);
  if (f.from !== undefined) c.push(sql`e.at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to !== undefined) c.push(sql`e.at < ${f.to.toISOString()}::timestamptz`);
  return c;
}

/** Rows strictly older (or newer) than the event `id`, in (at, id) order: a keyset on the indexes' (at, id) tail. */
const beyond = (id: string, side: "older" | "newer") =>
  side === "older"
    ? sql`(e.at, e.id) < (select c.at, c.id from audit_events c where c.id = ${id}::bigint)`
    : sql`(e.at, e.id) > (select c.at, c.id from audit_events c where c.id = ${id}::bigint)`;

/**
 * One page of the log: the newest `limit` events matching `filter`, or those just older or newer than the event
 * `cursor.id`. Always returned newest first. Never OFFSET: every page costs one index walk of `limit` rows.
 */
export async function listAuditLog(
  db: Database,
  filter: AuditLogFilter,
  cursor: { id: string; side: "older" | "newer" } | null,
  limit: number,
): Promise<AuditLogRow[]> {
  const where = [...logConditions(filter), ...(cursor ? [beyond(cursor.id, cursor.side)] : [])];
  const ascending = cursor?.side === "newer";
  const rows = rowsOf<AuditLogRow>(
    await db.execute(sql`
      select e.id::text as "id", (extract(epoch from e.at) * 1000)::float8 as "atMs", e.actor_type as "actorType",
        e.actor_id as "actorId",
        (select a.display_name from agents a where e.actor_type = 'agent' and a.id::text = e.actor_id) as "actorName",
        e.action, e.person_id::text as "personId", e.reason, e.request_id as "requestId"
      from audit_events e
      ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
      order by ${ascending ? sql`e.at asc, e.id asc` : sql`e.at desc, e.id desc`}
      limit ${limit}`),
  );
  return ascending ? rows.reverse() : rows;
}

/** Whether any event matching `filter` lies beyond the event `id` on that side (for the Older/Newer links). */
export async function auditLogHasMore(
  db: Database,
  filter: AuditLogFilter,
  cursor: { id: string; side: "older" | "newer" },
): Promise<boolean> {
  const where = [...logConditions(filter), beyond(cursor.id, cursor.side)];
  const [row] = rowsOf<{ more: boolean }>(
    await db.execute(sql`select exists (select 1 from audit_events e where ${sql.join(where, sql` and `)}) as "more"`),
  );
  return Boolean(row?.more);
}
