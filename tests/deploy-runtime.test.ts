import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { executePrepared, openDatabase, rowsOf } from "@/db/client";
import { isDraining, startDraining } from "@/lib/drain";
import { createTestDatabase, type TestDatabase, testDbKind } from "./helpers/test-db";

// What the instances of deploy/ rely on inside the app: a pool that suits PgBouncer in transaction mode, and the
// draining flag that turns /api/health to 503. The whole layout (nginx, PgBouncer, two instances) is tested by
// deploy/tests/multi-instance.spec.ts.

describe.runIf(testDbKind() === "postgres")("a pool for PgBouncer (postgres)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.destroy());

  it("prepares nothing and sends no startup setting, so PgBouncer 1.18 accepts it", async () => {
    const pool = await openDatabase({ url: t.url, max: 1, statementTimeoutMs: 200, pgbouncer: true });
    try {
      // The statement timeout is PgBouncer's to set (connect_query): the server keeps its default here.
      expect(rowsOf<{ statement_timeout: string }>(await pool.db.execute(sql`show statement_timeout`))).toEqual([
        { statement_timeout: "0" },
      ]);
      const value = 7;
      expect(await executePrepared(pool.db, sql`select ${value}::int as n`)).toEqual([{ n: 7 }]);
      // Nothing was prepared on the connection: a transaction pooler could hand the next one elsewhere.
      const prepared = rowsOf<{ n: number }>(
        await pool.db.execute(sql`select count(*)::int as n from pg_prepared_statements`),
      );
      expect(prepared).toEqual([{ n: 0 }]);
    } finally {
      await pool.close();
    }
  });
});

it("a draining instance answers 503 on /api/health without asking the database", async () => {
  expect(isDraining()).toBe(false);
  startDraining();
  const res = await GET();
  expect(res.status).toBe(503);
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(await res.json()).toEqual({ status: "draining" });
});
