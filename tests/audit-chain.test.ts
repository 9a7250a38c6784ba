import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase, rowsOf } from "@/db/client";
import { type AuditChainRow, readAuditChainPage, recordAudit } from "@/db/queries/audit";
import { auditEventHash, verifyAuditChain } from "@/lib/audit/chain";
import { createTestDatabase, type TestDatabase, testDbKind } from "./helpers/test-db";

// The audit table is append-only and hash-chained by the database itself (migration 0013_audit_chain): what the
// database refuses, what it chains (whoever writes), and what the verifier finds after someone with database
// access switches the triggers off and rewrites history.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

const agent = (agentId: string) => ({ type: "agent" as const, agentId });

/** A few events of every shape: one per call, several in one statement, and the resolver's insert … select. */
async function writeSomeEvents(db: Database): Promise<void> {
  await recordAudit(db, agent("a-1"), "agent.signed_in", {}, { requestId: "req-1" });
  await recordAudit(db, { type: "cli" }, "agent.added", [{ ref: "x" }, { ref: "y" }, { personId: 7, bookingId: 9 }]);
  await recordAudit(
    db,
    { type: "traveller", personId: 7 },
    "companion.flagged",
    { personId: 8 },
    {
      reason: "caller-asked",
      detail: "kind=booking;index=Zé🙂",
    },
  );
  await db.execute(sql`insert into audit_events (actor_type, actor_id, ref, action, person_id, booking_id)
    select 'traveller', null, g::text, 'verification.code_sent', g, g from generate_series(1, 3) g`);
}

async function countEvents(db: Database): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_events`));
  return row!.n;
}

/** The database's error message under drizzle's wrapping. */
async function refusal(work: Promise<unknown>): Promise<string> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  let e = err as Error & { cause?: unknown };
  while (e.cause instanceof Error) e = e.cause as Error & { cause?: unknown };
  return e.message;
}

describe("the audit table", () => {
  it("chains every insert, whoever writes it, and the app's own hash agrees with the database's", async () => {
    await writeSomeEvents(t.db);
    const rows = await readAuditChainPage(t.db, "0", 100);
    expect(rows).toHaveLength(8);
    let prev = "0".repeat(64);
    for (const r of rows) {
      expect(r.prevHash).toBe(prev);
      expect(r.hash).toBe(auditEventHash(prev, r));
      prev = r.hash!;
    }
    expect(await verifyAuditChain(t.db)).toEqual({ intact: true, checked: 8 });
    // Pages smaller than the table walk the same chain.
    expect(await verifyAuditChain(t.db, { pageSize: 3 })).toEqual({ intact: true, checked: 8 });
  });

  it("ignores hashes a writer supplies: the trigger computes them", async () => {
    await t.db.execute(
      sql`insert into audit_events (actor_type, action, prev_hash, hash) values ('cli', 'x', 'forged', 'forged')`,
    );
    const [row] = rowsOf<{ hash: string }>(
      await t.db.execute(sql`select hash from audit_events order by id desc limit 1`),
    );
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyAuditChain(t.db)).intact).toBe(true);
  });

  it("refuses UPDATE, DELETE and TRUNCATE, and any direct change to the chain head", async () => {
    const before = await countEvents(t.db);
    expect(await refusal(t.db.execute(sql`update audit_events set action = 'changed'`))).toMatch(
      /audit_events is append-only: UPDATE refused/,
    );
    expect(await refusal(t.db.execute(sql`delete from audit_events where id = 1`))).toMatch(
      /audit_events is append-only: DELETE refused/,
    );
    expect(await refusal(t.db.execute(sql`truncate audit_events`))).toMatch(
      /audit_events is append-only: TRUNCATE refused/,
    );
    expect(await refusal(t.db.execute(sql`update audit_chain_head set last_hash = 'x'`))).toMatch(
      /audit_chain_head is written only by the audit_events trigger/,
    );
    expect(await refusal(t.db.execute(sql`delete from audit_chain_head`))).toMatch(/audit_chain_head is written only/);
    expect(await countEvents(t.db)).toBe(before);
    expect((await verifyAuditChain(t.db)).intact).toBe(true);
  });
});

describe("the verifier, after someone with database access switches the triggers off", () => {
  // Each case rewrites history for good (the table cannot be repaired through its triggers): a database each.
  async function tampered(
    change: string[],
  ): Promise<{ report: Awaited<ReturnType<typeof verifyAuditChain>>; rows: AuditChainRow[] }> {
    const d = await createTestDatabase();
    try {
      await writeSomeEvents(d.db);
      const rows = await readAuditChainPage(d.db, "0", 100);
      // As the table's owner (the tests connect as a superuser): what an insider with the credentials can do.
      await d.db.execute(sql`alter table audit_events disable trigger user`);
      await d.db.execute(sql`alter table audit_chain_head disable trigger user`);
      for (const statement of change) await d.db.execute(sql.raw(statement));
      return { report: await verifyAuditChain(d.db, { pageSize: 3 }), rows };
    } finally {
      await d.destroy();
    }
  }

  it("finds a changed row at that row", async () => {
    const { report, rows } = await tampered([`update audit_events set person_id = 99 where id = 4`]);
    expect(rows[3]!.id).toBe("4");
    expect(report).toMatchObject({ intact: false, rowId: "4", checked: 4 });
    expect(report).toHaveProperty("problem", expect.stringContaining("do not match its hash"));
  });

  it("finds a removed row at the row after it", async () => {
    const { report } = await tampered([`delete from audit_events where id = 5`]);
    expect(report).toMatchObject({ intact: false, rowId: "6" });
    expect(report).toHaveProperty("problem", expect.stringContaining("does not follow row 4"));
  });

  it("finds a changed row whose hash was recomputed, at the row after it", async () => {
    const { report } = await tampered([
      `update audit_events set action = 'nothing.happened' where id = 2`,
      `update audit_events set hash = audit_event_hash(prev_hash, audit_events) where id = 2`,
    ]);
    expect(report).toMatchObject({ intact: false, rowId: "3" });
  });

  it("finds rows removed from the start and from the end", async () => {
    expect((await tampered([`delete from audit_events where id = 1`])).report).toMatchObject({
      intact: false,
      rowId: "2",
      problem: expect.stringContaining("first row does not start the chain"),
    });
    expect((await tampered([`delete from audit_events where id >= 7`])).report).toMatchObject({
      intact: false,
      rowId: "6",
      problem: expect.stringContaining("its head names row 8"),
    });
  });

  it("finds a row written with the chain switched off", async () => {
    const { report } = await tampered([`insert into audit_events (actor_type, action) values ('cli', 'slipped.in')`]);
    expect(report).toMatchObject({ intact: false, rowId: "9", problem: expect.stringContaining("no hash") });
  });
});

// This test must run on PostgreSQL to be able to fail: PGlite has one connection, so its writers never overlap.
describe.runIf(testDbKind() === "postgres")("many writers at once (PostgreSQL)", () => {
  it("take turns: every insert lands, in one unforked chain in id order", async () => {
    const writers = await Promise.all(Array.from({ length: 6 }, () => openDatabase({ url: t.url!, max: 1 })));
    try {
      const before = await countEvents(t.db);
      const perWriter = 25;
      await Promise.all(
        writers.map(async (w, n) => {
          for (let i = 0; i < perWriter; i++) {
            // A transaction that stays open across a round trip after its insert, and multi-row statements: the
            // widest windows for two writers to chain onto the same row or draw ids out of chain order.
            await w.db.transaction(async (tx) => {
              await recordAudit(tx, agent(`w${n}`), "race.one", [{ ref: `${i}a` }, { ref: `${i}b` }]);
              await tx.execute(sql`select 1`);
            });
          }
        }),
      );
      expect(await countEvents(t.db)).toBe(before + writers.length * perWriter * 2);
      expect(await verifyAuditChain(t.db)).toEqual({ intact: true, checked: before + writers.length * perWriter * 2 });
    } finally {
      await Promise.all(writers.map((w) => w.close()));
    }
  });
});
