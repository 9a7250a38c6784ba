import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { createAgentAccount } from "@/lib/agent/accounts";
import { verifyAuditChain } from "@/lib/audit/chain";
import { AUDIT_PAGE_SIZE, readAuditLog } from "@/lib/audit/log";
import type { AgentSession } from "@/lib/auth/agent";
import { easternMidnight } from "@/lib/format";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// The supervisors' audit log service (lib/audit/log.ts) on a real database: filters, keyset pages both ways,
// refusals, and the record of the viewing itself.

let t: TestDatabase;
let supervisor: AgentSession;
let agent: AgentSession;

beforeAll(async () => {
  t = await createTestDatabase();
  const account = (email: string, displayName: string, role: "agent" | "supervisor") =>
    createAgentAccount(t.db, { email, displayName, role, password: "x".repeat(12) }, { type: "cli" });
  const s = await account("sup@airline.example", "Sam Supervisor", "supervisor");
  const a = await account("dana@airline.example", "Dana Agent", "agent");
  supervisor = { agentId: s.id, displayName: "Sam Supervisor", role: "supervisor" };
  agent = { agentId: a.id, displayName: "Dana Agent", role: "agent" };
  // 120 paging events, then a few with chosen times and subjects.
  await t.db.execute(sql`insert into audit_events (actor_type, actor_id, action, person_id)
    select 'agent', ${a.id}, 'test.page', g from generate_series(1, 120) g`);
  await t.db.execute(sql`insert into audit_events (at, actor_type, actor_id, action, person_id, reason, request_id) values
    ('2026-03-07 04:59:59+00', 'agent', ${a.id}, 'case.viewed', 42, null, 'req-early-0001'),
    ('2026-03-07 05:00:00+00', 'agent', ${a.id}, 'case.viewed', 42, 'caller-asked', 'req-in-range-01'),
    ('2026-03-09 03:59:59+00', 'cli', null, 'agent.added', null, null, null),
    ('2026-03-09 04:00:00+00', 'traveller', '42', 'monitoring.enrolled', 42, null, null)`);
});
afterAll(async () => t?.destroy());

const viewedEvents = async () =>
  rowsOf<{ actorId: string; personId: string | null; detail: string | null; requestId: string | null }>(
    await t.db.execute(sql`select actor_id as "actorId", person_id::text as "personId", detail, request_id as "requestId"
      from audit_events where action = 'audit.viewed' order by id`),
  );

describe("the audit log", () => {
  it("reads midnight in Eastern time, either side of a change of clock", () => {
    expect(easternMidnight("2026-03-07").toISOString()).toBe("2026-03-07T05:00:00.000Z");
    // 8 March 2026: clocks go forward at 2:00; the next day starts at 4:00 UTC.
    expect(easternMidnight("2026-03-08", 1).toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(easternMidnight("2026-11-01", 1).toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });

  it("filters by person, action and a date range in Eastern time, and says who in words", async () => {
    const log = await readAuditLog(t.db, supervisor, { person: "42", from: "2026-03-07", to: "2026-03-08" });
    expect(log.fieldErrors).toEqual({});
    expect(log.events.map((e) => [e.action, e.reason, e.requestId])).toEqual([
      ["case.viewed", "caller-asked", "req-in-range-01"],
    ]);
    expect(log.events[0]!.actor).toEqual({ kind: "agent", agentId: agent.agentId, name: "Dana Agent" });
    const byAction = await readAuditLog(t.db, supervisor, { action: "monitoring.enrolled" });
    expect(byAction.events.map((e) => e.actor)).toEqual([{ kind: "traveller", personId: "42" }]);
    const cli = await readAuditLog(t.db, supervisor, { action: "agent.added", to: "2026-03-08" });
    expect(cli.events.map((e) => e.actor)).toEqual([{ kind: "cli" }]);
  });

  it("pages by keyset, newest first, both ways, with links only where there is a page", async () => {
    const q = { agent: agent.agentId, action: "test.page" };
    const first = await readAuditLog(t.db, supervisor, q);
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.events[0]!.personId).toBe("120");
    expect(first.newerThan).toBeNull();
    const second = await readAuditLog(t.db, supervisor, { ...q, before: first.olderThan! });
    expect(second.events.map((e) => e.personId)).toEqual(Array.from({ length: 50 }, (_, i) => String(70 - i)));
    expect(second.newerThan).toBe(second.events[0]!.id);
    const last = await readAuditLog(t.db, supervisor, { ...q, before: second.olderThan! });
    expect(last.events.map((e) => e.personId)).toEqual(Array.from({ length: 20 }, (_, i) => String(20 - i)));
    expect(last.olderThan).toBeNull();
    const back = await readAuditLog(t.db, supervisor, { ...q, after: last.newerThan! });
    expect(back.events.map((e) => e.id)).toEqual(second.events.map((e) => e.id));
    const top = await readAuditLog(t.db, supervisor, { ...q, after: back.newerThan! });
    expect(top.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(top.newerThan).toBeNull();
  });

  it("refuses what the form would not send, and reads nothing then", async () => {
    const before = (await viewedEvents()).length;
    const log = await readAuditLog(t.db, supervisor, {
      agent: "not-an-id",
      person: "Marie Côté",
      action: "DROP TABLE",
      from: "2026-02-30",
    });
    expect(log.fieldErrors).toEqual({
      agent: "agentInvalid",
      person: "personInvalid",
      action: "actionInvalid",
      from: "dateInvalid",
    });
    expect(log.events).toEqual([]);
    expect(await readAuditLog(t.db, supervisor, { from: "2026-03-09", to: "2026-03-08" })).toMatchObject({
      fieldErrors: { to: "rangeInvalid" },
    });
    expect((await viewedEvents()).length).toBe(before);
  });

  it("is for supervisors only, even if a page forgot to check", async () => {
    await expect(readAuditLog(t.db, agent, {})).rejects.toThrow("the audit log is for supervisors");
  });

  it("records each viewing, with the filters as ids and codes and the person looked up as its subject", async () => {
    await readAuditLog(t.db, supervisor, { person: "42", action: "case.viewed" }, { requestId: "req-viewing-01" });
    const last = (await viewedEvents()).at(-1);
    expect(last).toEqual({
      actorId: supervisor.agentId,
      personId: "42",
      detail: "person=42;action=case.viewed",
      requestId: "req-viewing-01",
    });
    expect((await verifyAuditChain(t.db)).intact).toBe(true);
    // And the supervisor's viewing shows up in the log like anything else.
    const mine = await readAuditLog(t.db, supervisor, { agent: supervisor.agentId, action: "audit.viewed" });
    expect(mine.events[0]!.actor).toEqual({ kind: "agent", agentId: supervisor.agentId, name: "Sam Supervisor" });
  });

  it("uses the indexes for a filtered page, not a scan of the table", async () => {
    // A table this small is cheaper to scan: the planner is told not to, to show which index the query can use.
    const plan = await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return rowsOf<Record<string, string>>(
        await tx.execute(sql`explain select e.id from audit_events e where e.person_id = 42
          and (e.at, e.id) < (select c.at, c.id from audit_events c where c.id = 100) order by e.at desc, e.id desc limit 51`),
      )
        .map((r) => Object.values(r)[0])
        .join("\n");
    });
    expect(plan).toMatch(/Index (Only )?Scan Backward using audit_events_person_at_idx/);
  });
});
