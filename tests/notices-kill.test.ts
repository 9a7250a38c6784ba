import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { prepareNotices } from "@/lib/notices/prepare";
import { type FixturePerson, seedBooking } from "./helpers/fixtures";
import { type SmtpReceiver, startSmtpReceiver } from "./helpers/smtp-receiver";
import { createTestDatabase, type TestDatabase, testDbKind } from "./helpers/test-db";

// Exactly once under kill -9: `npm run notices -- send` runs as a child process against a real SMTP server on
// loopback and is killed with SIGKILL again and again, each time right after the server accepted a message (the
// worst moment: inside or next to the one window between acceptance and the record), then restarted; at the end
// one run finishes. Every notice arrives (none lost) and, counted by Message-ID, none arrives as two different
// messages; a second copy of one Message-ID can only be the one window per kill, which the Message-ID makes
// recognisable (a receiver dedupes on it). PostgreSQL only: PGlite admits one process, and a PGlite folder is
// not meant to survive its process being killed mid-write.

const KILLS = 5;
const PEOPLE = 240;

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

type Exit = { code: number | null; signal: NodeJS.Signals | null };

function startSender(): { child: ChildProcess; exited: Promise<Exit> } {
  const child = spawn(resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/notices.ts", "send"], {
    cwd: resolve("."),
    env: {
      ...process.env,
      APP_ENV: "test",
      DATABASE_URL: t.url,
      SMTP_URL: smtp.url,
      NOTICE_RATE: "0",
      NOTICE_LEASE_SECONDS: "2",
      NOTICE_CONCURRENCY: "3",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  const exited = new Promise<Exit>((done) => child.on("exit", (code, signal) => done({ code, signal })));
  return { child, exited };
}

describe.skipIf(testDbKind() !== "postgres")("notices: kill -9 of the sender", () => {
  it("neither loses nor repeats a notice across repeated SIGKILLs and restarts", async () => {
    const dob = "1975-05-05";
    for (let b = 0; b < PEOPLE / 6; b++) {
      const passengers: FixturePerson[] = Array.from({ length: 6 }, (_, i) => ({
        givenName: `P${b}x${i}`,
        familyName: "Kill",
        dob,
        email: `p${b}x${i}@example.test`,
      }));
      await seedBooking(t.db, passengers);
    }
    expect(await prepareNotices(t.db)).toEqual({ email: PEOPLE, letter: 0, already: 0 });

    for (let k = 0; k < KILLS; k++) {
      const before = smtp.received.length;
      const { child, exited } = startSender();
      // Killed right after the server accepted a few more messages: no timers, only events.
      await Promise.race([smtp.until((r) => r.received.length >= before + 7 + 5 * k), exited]);
      child.kill("SIGKILL");
      // It was still running when killed (not finished early): the kill landed mid-run.
      expect(await exited).toEqual({ code: null, signal: "SIGKILL" });
    }
    expect(smtp.received.length).toBeLessThan(PEOPLE);
    const last = startSender();
    expect(await last.exited).toEqual({ code: 0, signal: null });

    const ids = rowsOf<{ id: string | number; status: string }>(
      await t.db.execute(sql`select id, status from notices where channel = 'email' order by id`),
    );
    expect(ids).toHaveLength(PEOPLE);
    expect(ids.every((r) => r.status === "sent")).toBe(true);
    const expected = ids.map((r) => `<notice-${r.id}@localhost>`).sort();
    // None lost, nothing else sent: the distinct Message-IDs are exactly the notices.
    expect([...smtp.byMessageId.keys()].sort()).toEqual(expected);
    // Repeats: only the single-statement window, at most once per kill, and recognisable by Message-ID.
    const copies = [...smtp.byMessageId.values()].filter((n) => n > 1);
    expect(copies.every((n) => n === 2)).toBe(true);
    expect(copies.length).toBeLessThanOrEqual(KILLS);
    console.info(`kill test: ${KILLS} kills, ${smtp.received.length} accepted, ${copies.length} window repeat(s)`);
  }, 180_000);
});
