import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { eq, inArray, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { mailOutbox } from "@/db/schema";
import { deliverQueuedMail } from "@/lib/mail/deliver";
import { enqueueMail } from "@/lib/mail/queue";
import { smtpSender } from "@/lib/mail/transport";
import { removeTempDirs, tempDir } from "./helpers/bundle-fixtures";
import { type SmtpSink, startSmtpSink } from "./helpers/smtp-sink";
import { createTestDatabase, type TestDatabase, testDbKind } from "./helpers/test-db";

// Mail must go out once: neither a batch that outlasts its lease nor a sender killed mid-batch may send a message
// a second time. Both against a slow SMTP server on loopback, made slow on cue (tests/helpers/smtp-sink.ts).

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.destroy();
  removeTempDirs();
});

const idOf = (messageId: string) => /^<outbox-([0-9a-f-]+)@/.exec(messageId)?.[1] ?? messageId;
const counts = (sink: SmtpSink) => {
  const n = new Map<string, number>();
  for (const m of sink.received) n.set(idOf(m.messageId), (n.get(idOf(m.messageId)) ?? 0) + 1);
  return n;
};

async function queue(db: DatabaseHandle["db"], n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push((await enqueueMail(db, { kind: "test", to: `${tag}${i}@example.org`, subject: "S", text: "T" })).id);
  return ids;
}

describe("mail is sent once", () => {
  it("a batch that outlasts its lease loses the rows it has not reached instead of sending them twice", async () => {
    await t.db.update(mailOutbox).set({ status: "sent" }).where(eq(mailOutbox.status, "queued"));
    const ids = await queue(t.db, 8, "lease");
    // The server stalls on the first message it gets: sender A is stuck there, mid-batch.
    const sink = await startSmtpSink({ hold: (_m, index) => index === 0 });
    try {
      const sender = await smtpSender(sink.url, "no-reply@example.com");
      const a = deliverQueuedMail(t.db, { sender, limit: 100 });
      await sink.until((s) => s.held.length === 1);
      const inFlight = idOf(sink.held[0]!.messageId);
      // Time passes beyond the batch's lease (stated in the database rather than waited for): every row A has
      // not reached is free again, and sender B (a second worker, the code page's sweep) takes them.
      await t.db
        .update(mailOutbox)
        .set({ lockedUntil: sql`now() - interval '1 second'` })
        .where(ne(mailOutbox.id, inFlight));
      const b = await deliverQueuedMail(t.db, { sender, limit: 100 });
      expect(b.sent).toBe(7);
      sink.release();
      const first = await a;
      expect(first.sent).toBe(1);
      const n = counts(sink);
      expect([...n.keys()].sort()).toEqual([...ids].sort());
      expect([...n.values()].every((c) => c === 1)).toBe(true);
      expect(sink.received).toHaveLength(8);
      const rows = await t.db.select({ status: mailOutbox.status }).from(mailOutbox).where(inArray(mailOutbox.id, ids));
      expect(rows.every((r) => r.status === "sent")).toBe(true);
    } finally {
      await sink.close();
    }
  });

  it("a worker killed mid-batch (kill -9) re-sends nothing it had already handed over", {
    timeout: 180_000,
  }, async () => {
    const TOTAL = 12;
    const HANDED = 5;
    // The worker runs as its own process on this test's database: PostgreSQL, or a PGlite folder (one process
    // at a time, so this test opens it only while no worker runs).
    let url: string | undefined;
    let dir: string | undefined;
    if (testDbKind() === "postgres") url = t.url;
    else dir = join(tempDir("mail-kill-"), "pglite");
    const withDb = async <T>(fn: (h: DatabaseHandle) => Promise<T>): Promise<T> => {
      if (!dir) return fn(t);
      const h = await openDatabase({ dataDir: dir });
      try {
        return await fn(h);
      } finally {
        await h.close();
      }
    };
    const ids = await withDb(async (h) => {
      if (dir) await migrateDatabase(h);
      await h.db.update(mailOutbox).set({ status: "sent" }).where(eq(mailOutbox.status, "queued"));
      return queue(h.db, TOTAL, "kill");
    });
    const sink = await startSmtpSink({ hold: (_m, index) => index === HANDED });
    const runWorker = () => {
      // node with tsx's loader (not the tsx CLI, which would run the script in a grandchild that kill -9 misses).
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts", "--once"],
        {
          cwd: resolve("."),
          env: { ...process.env, APP_ENV: "test", SMTP_URL: sink.url, DATABASE_URL: url ?? "", PGLITE_DIR: dir ?? "" },
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
      return { child, exited, stderr: () => stderr };
    };
    try {
      const first = runWorker();
      // The server has accepted five and is sitting on the sixth: kill the worker there.
      await sink.until((s) => s.held.length === 1);
      first.child.kill("SIGKILL");
      await first.exited;
      await sink.until((s) => s.dropped.length === 1);
      expect(sink.received).toHaveLength(HANDED);
      // Next run (after the killed claim's lease, stated in the database rather than waited for).
      await withDb((h) => h.db.update(mailOutbox).set({ lockedUntil: null }).where(inArray(mailOutbox.id, ids)));
      const second = runWorker();
      expect(await second.exited, second.stderr()).toBe(0);
      const n = counts(sink);
      expect([...n.keys()].sort()).toEqual([...ids].sort());
      // Each exactly once: the five accepted before the kill were recorded one by one, right after acceptance.
      expect([...n.entries()].filter(([, c]) => c !== 1)).toEqual([]);
      expect(sink.received).toHaveLength(TOTAL);
    } finally {
      await sink.close();
    }
  });
});
