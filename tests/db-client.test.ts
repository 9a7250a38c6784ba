import { createServer, type Server, type Socket } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { env } from "@/lib/env";
import { createTestDatabase, type TestDatabase, testDbKind } from "./helpers/test-db";

// While the database is away, a request must fail within a couple of seconds (and the app show its calm error or
// 503), not hang for the operating system's TCP timeouts or a stuck statement.

/** A port that accepts connections and never says a word: a database that is down behind a live address. */
let silent: Server;
const sockets = new Set<Socket>();
let port = 0;
beforeAll(async () => {
  silent = createServer((s) => {
    sockets.add(s);
    s.on("error", () => {});
  });
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
  port = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
});

/** The outcome of `p`, or "still waiting" after a generous bound (far above the configured timeouts). */
const within = <T>(p: Promise<T>, ms = 15_000) =>
  Promise.race([
    p.then(
      () => "answered" as const,
      // drizzle wraps the driver's error: the code is on its cause.
      (err: unknown) => ((err as { cause?: unknown }).cause ?? err) as Error & { code?: string },
    ),
    new Promise<"still waiting">((r) => setTimeout(() => r("still waiting"), ms).unref()),
  ]);

describe("database timeouts", () => {
  it("a query against a database that never answers fails with a connect timeout, by default", async () => {
    expect(env().DB_CONNECT_TIMEOUT).toBe(2);
    const h = await openDatabase({ url: `postgres://nobody@127.0.0.1:${port}/none`, max: 1 });
    try {
      const outcome = await within(h.db.execute(sql`select 1`));
      expect(outcome).toMatchObject({ code: "CONNECT_TIMEOUT" });
    } finally {
      if (h.kind === "postgres") await h.client.end({ timeout: 0 });
    }
  });

  it("/api/health answers 503 while the database does not answer", async () => {
    const global = globalThis as unknown as { __portalDb?: Promise<DatabaseHandle> };
    const h = await openDatabase({ url: `postgres://nobody@127.0.0.1:${port}/none`, max: 1 });
    global.__portalDb = Promise.resolve(h);
    try {
      const res = await Promise.race([
        GET(),
        new Promise<"still waiting">((r) => setTimeout(() => r("still waiting"), 15_000).unref()),
      ]);
      expect(res).not.toBe("still waiting");
      expect((res as Response).status).toBe(503);
    } finally {
      global.__portalDb = undefined;
      if (h.kind === "postgres") await h.client.end({ timeout: 0 });
    }
  });

  describe.runIf(testDbKind() === "postgres")("on PostgreSQL", () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase();
    });
    afterAll(async () => t?.destroy());

    it("the app's pool cancels a statement that runs past DB_STATEMENT_TIMEOUT; the import's does not", async () => {
      expect(env().DB_STATEMENT_TIMEOUT).toBe(5000);
      const app = await openDatabase({ url: t.url, max: 1, statementTimeoutMs: 200 });
      try {
        // 57014: query_canceled (statement timeout).
        expect(await within(app.db.execute(sql`select pg_sleep(30)`))).toMatchObject({ code: "57014" });
      } finally {
        await app.close();
      }
      const rows = await t.db.execute(sql`show statement_timeout`);
      expect(JSON.stringify(rows)).toContain('"0"');
    });
  });
});
