import "server-only";
import type { Database } from "@/db/client";
import { listAgents } from "@/db/queries/agents";
import { type AuditLogFilter, type AuditLogRow, auditLogHasMore, listAuditLog, recordAudit } from "@/db/queries/audit";
import type { AgentSession } from "@/lib/auth/agent";
import type { AuditEventDto, AuditLogDto, AuditLogFormValues } from "@/lib/dto/audit";
import { easternMidnight } from "@/lib/format";
import { auditLogFilterSchema } from "@/lib/forms/audit-log-filter";
import type { RequestContext } from "@/lib/request-id";

// The supervisors' audit log (/agent/audit): newest first, filtered, one keyset page at a time. Reading it is
// itself an audited event ("audit.viewed", with the filters as ids and codes), so who looked at whose record is
// on the record too.

export const AUDIT_PAGE_SIZE = 50;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

function toDto(r: AuditLogRow): AuditEventDto {
  return {
    id: r.id,
    at: new Date(r.atMs).toISOString(),
    actor:
      r.actorType === "agent"
        ? { kind: "agent", agentId: r.actorId ?? "", name: r.actorName }
        : r.actorType === "traveller"
          ? { kind: "traveller", personId: r.actorId }
          : { kind: "cli" },
    action: r.action,
    personId: r.personId,
    reason: r.reason,
    requestId: r.requestId,
  };
}

/**
 * One page of the log for a supervisor. `query` is the page's query string as Next.js gives it. Anyone else is
 * refused here too (the page already gave them the not-found page): the service does not trust its caller.
 */
export async function readAuditLog(
  db: Database,
  viewer: AgentSession,
  query: Record<string, string | string[] | undefined>,
  ctx: RequestContext = {},
): Promise<AuditLogDto> {
  if (viewer.role !== "supervisor") throw new Error("the audit log is for supervisors");
  const raw = {
    agent: first(query.agent).trim(),
    person: first(query.person).trim(),
    action: first(query.action).trim(),
    from: first(query.from).trim(),
    to: first(query.to).trim(),
  } satisfies AuditLogFormValues;
  const agents = (await listAgents(db))
    .map((a) => ({ id: a.id, name: a.displayName }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const parsed = auditLogFilterSchema.safeParse({ ...raw, before: first(query.before), after: first(query.after) });
  if (!parsed.success) {
    const fieldErrors: AuditLogDto["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (typeof key === "string" && key in raw) fieldErrors[key as keyof AuditLogFormValues] ??= issue.message;
    }
    return { agents, values: raw, fieldErrors, events: [], newerThan: null, olderThan: null };
  }
  const v = parsed.data;
  const filter: AuditLogFilter = {
    agentId: v.agent,
    personId: v.person === undefined ? undefined : Number(v.person),
    action: v.action,
    from: v.from ? easternMidnight(v.from) : undefined,
    to: v.to ? easternMidnight(v.to, 1) : undefined,
  };
  const cursor = v.after
    ? { id: v.after, side: "newer" as const }
    : v.before
      ? { id: v.before, side: "older" as const }
      : null;
  // One more than a page, to know whether there is a next one the way we are going without a second query.
  const rows = await listAuditLog(db, filter, cursor, AUDIT_PAGE_SIZE + 1);
  const more = rows.length > AUDIT_PAGE_SIZE;
  const page =
    cursor?.side === "newer"
      ? rows.slice(rows.length - Math.min(rows.length, AUDIT_PAGE_SIZE))
      : rows.slice(0, AUDIT_PAGE_SIZE);
  const newest = page[0];
  const oldest = page[page.length - 1];
  const newerThan =
    newest &&
    (cursor?.side === "newer"
      ? more
      : cursor !== null && (await auditLogHasMore(db, filter, { id: newest.id, side: "newer" })))
      ? newest.id
      : null;
  const olderThan =
    oldest && (cursor?.side === "newer" ? await auditLogHasMore(db, filter, { id: oldest.id, side: "older" }) : more)
      ? oldest.id
      : null;

  // The viewing is on the record: filters as ids and codes only (the form refuses anything else), and the person
  // whose events were looked up as the event's subject.
  const detail = Object.entries({
    agent: v.agent,
    person: v.person,
    action: v.action,
    from: v.from,
    to: v.to,
    before: v.before,
    after: v.after,
  })
    .filter(([, value]) => value !== undefined)
    .map(([k, value]) => `${k}=${value}`)
    .join(";");
  await recordAudit(
    db,
    { type: "agent", agentId: viewer.agentId },
    "audit.viewed",
    { personId: filter.personId },
    { requestId: ctx.requestId, detail: detail || undefined },
  );
  return { agents, values: raw, fieldErrors: {}, events: page.map(toDto), newerThan, olderThan };
}
