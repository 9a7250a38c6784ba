import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { prepareNotices } from "@/lib/notices/prepare";
import { seedBooking } from "./helpers/fixtures";
import { type SmtpReceiver, startSmtpReceiver } from "./helpers/smtp-receiver";
import { createTestDatabase, type TestDatabase, testDbKind } from "./helpers/test-db";

// `npm run worker` sends due notices on its own (pg-boss sweeps requested at start and every minute), next to its
// other duties, and stops cleanly on SIGTERM. Two workers at once share the work: PostgreSQL only (PGlite admits
// one process).

let t: TestDatabase;
let smtp: SmtpReceiver;
beforeAll(async () => {
  if (testDbKind() !== "postgres") return;
  t = await createTestDatabase();
  smtp = await startSmtpReceiver({ light: true });
});
afterAll(async () => {
  await smtp?.close();
  await t?.destroy();
});

function startWorker() {
  const child = spawn(resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/worker.ts"], {
    cwd: resolve("."),
    env: {
      ...process.env,
      APP_ENV: "test",
      DATABASE_URL: t.url,
      SMTP_URL: smtp.url,
      NOTICE_RATE: "0",
      NOTICE_CONCURRENCY: "2",
      WORKER_INTERVAL_MS: "200",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.resume();
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return { child, exited };
}

describe.skipIf(testDbKind() !== "postgres")("notices: the worker", () => {
  it("two workers deliver every due notice once, then stop on SIGTERM", async () => {
    for (let b = 0; b < 10; b++) {
      await seedBooking(
        t.db,
        Array.from({ length: 6 }, (_, i) => ({
          givenName: `W${b}x${i}`,
          familyName: "Work",
          dob: "1970-01-01",
          email: `w${b}x${i}@example.test`,
        })),
      );
    }
    expect((await prepareNotices(t.db)).email).toBe(60);
    const workers = [startWorker(), startWorker()];
    await smtp.until((r) => r.byMessageId.size === 60);
    for (const w of workers) w.child.kill("SIGTERM");
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    expect([...smtp.byMessageId.values()].every((n) => n === 1)).toBe(true);
    const [r] = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from notices where status = 'sent'`),
    );
    expect(Number(r?.n)).toBe(60);
  }, 120_000);
});
