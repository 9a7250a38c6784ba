import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { countNotices } from "@/db/queries/notices";
import { prepareNotices } from "@/lib/notices/prepare";
import { sendDueNotices } from "@/lib/notices/queue";
import { seedBooking } from "./helpers/fixtures";
import { type SmtpReceiver, startSmtpReceiver } from "./helpers/smtp-receiver";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// prepare + send against a real SMTP server on loopback, on both databases (pg-boss on PGlite's own connection, or
// its own pool on PostgreSQL): one notice per person with an email, letters for the rest, 4xx retried later with
// back-off, 5xx undeliverable with a letter queued in its place.

let t: TestDatabase;
let smtp: SmtpReceiver;
const refusals = new Map<string, number>();

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpReceiver({ refuse: (to) => refusals.get(to) ?? null });
});
afterAll(async () => {
  await smtp?.close();
  await t?.destroy();
});

const settings = () => ({ smtpUrl: smtp.url, rate: 0, leaseSeconds: 2, concurrency: 2, url: t.url });

const byStatus = async () =>
  Object.fromEntries((await countNotices(t.db)).map((r) => [`${r.channel}:${r.status}`, r.n]));

describe("notices: prepare and send", () => {
  it("queues once per person, by email or letter, and sends each email exactly once", async () => {
    const dob = "1980-01-01";
    await seedBooking(t.db, [
      { givenName: "Ann", familyName: "Ash", dob, email: "ann@example.test" },
      { givenName: "Ben", familyName: "Ash", dob, email: "ben@example.test", language: "fr" },
      { givenName: "Cy", familyName: "Ash", dob, email: null },
    ]);
    await seedBooking(t.db, [
      { givenName: "Di", familyName: "Birch", dob, email: "bounce@example.test" },
      { givenName: "Ed", familyName: "Birch", dob, email: "later@example.test" },
    ]);
    refusals.set("bounce@example.test", 550);
    refusals.set("later@example.test", 451);

    expect(await prepareNotices(t.db, { chunk: 2 })).toEqual({ email: 4, letter: 1, already: 0 });
    expect(await prepareNotices(t.db)).toEqual({ email: 0, letter: 0, already: 5 });

    const report = await sendDueNotices(t, settings());
    expect(report).toMatchObject({ sent: 2, retried: 1, undeliverable: 1 });
    expect(smtp.received.map((m) => m.to).sort()).toEqual(["ann@example.test", "ben@example.test"]);
    // Deterministic Message-ID per notice: <notice-ID@host>.
    for (const m of smtp.received) expect(m.messageId).toMatch(/^<notice-\d+@localhost>$/);

    // The bounce became undeliverable and a letter was queued for the same person in its place.
    const bounced = rowsOf<{ channel: string; status: string; last_error: string | null }>(
      await t.db.execute(sql`
        select n.channel, n.status, n.last_error from notices n join people p on p.id = n.person_id
        where p.given_name = 'Di' order by n.id`),
    );
    expect(bounced.map((r) => `${r.channel}:${r.status}`)).toEqual(["email:undeliverable", "letter:queued"]);
    expect(bounced[0]?.last_error).toContain("550");
    expect(bounced[0]?.last_error).not.toContain("@");

    // The 4xx is still queued, due again after its back-off (one minute after the first failure).
    const [later] = rowsOf<{ status: string; attempts: number; wait: number }>(
      await t.db.execute(sql`
        select n.status, n.attempts, extract(epoch from n.due_at - now())::int as wait
        from notices n join people p on p.id = n.person_id where p.given_name = 'Ed'`),
    );
    expect(later).toMatchObject({ status: "queued", attempts: 1 });
    expect(Number(later?.wait)).toBeGreaterThan(30);

    // Once the back-off has passed (moved here instead of waited for) and the server accepts, it goes out once.
    refusals.delete("later@example.test");
    await t.db.execute(sql`update notices set due_at = now() where status = 'queued' and channel = 'email'`);
    expect(await sendDueNotices(t, settings())).toMatchObject({ sent: 1, retried: 0 });
    expect(await sendDueNotices(t, settings())).toMatchObject({ sent: 0 });
    expect([...smtp.byMessageId.values()].every((n) => n === 1)).toBe(true);
    expect(smtp.received).toHaveLength(3);
    expect(await byStatus()).toEqual({ "email:sent": 3, "email:undeliverable": 1, "letter:queued": 2 });
    // prepare again: the bounced person already has their notice (the letter), nobody is queued twice.
    expect(await prepareNotices(t.db)).toEqual({ email: 0, letter: 0, already: 5 });
  });

  it("fails the run when the SMTP server cannot be reached, leaving the notice queued with a back-off", async () => {
    await seedBooking(t.db, [{ givenName: "Fay", familyName: "Down", dob: "1980-01-01", email: "fay@example.test" }]);
    expect(await prepareNotices(t.db)).toMatchObject({ email: 1 });
    const gone = await startSmtpReceiver();
    await gone.close();
    await expect(sendDueNotices(t, { ...settings(), smtpUrl: gone.url })).rejects.toThrow();
    const [fay] = rowsOf<{ status: string; attempts: number; last_error: string; wait: number }>(
      await t.db.execute(sql`
        select n.status, n.attempts, n.last_error, extract(epoch from n.due_at - now())::int as wait
        from notices n join people p on p.id = n.person_id where p.given_name = 'Fay'`),
    );
    expect(fay).toMatchObject({ status: "queued", attempts: 1 });
    expect(fay?.last_error).toMatch(/ESOCKET|ECONNREFUSED|ECONNECTION/);
    expect(Number(fay?.wait)).toBeGreaterThan(30);
  });

  it("holds NOTICE_RATE through the shared window rows", async () => {
    // Set aside what earlier tests left queued (a back-off due within this run's longer lease).
    await t.db.execute(sql`update notices set status = 'cancelled' where status = 'queued' and channel = 'email'`);
    await seedBooking(
      t.db,
      ["g1", "g2", "g3", "g4", "g5"].map((g) => ({
        givenName: g,
        familyName: "Rate",
        dob: "1980-01-01",
        email: `${g}@r.test`,
      })),
    );
    expect(await prepareNotices(t.db)).toMatchObject({ email: 5 });
    // A lease longer than the run: tokens are taken before the lease check, so a lease lapsing while a sweep waits
    // for its token would spend one on a notice another sweep then sends.
    expect(await sendDueNotices(t, { ...settings(), rate: 2, leaseSeconds: 60 })).toMatchObject({ sent: 5 });
    const windows = rowsOf<{ count: number }>(
      await t.db.execute(sql`select count from rate_limits where bucket = 'notices.send'`),
    ).map((r) => Number(r.count));
    // No second held more than NOTICE_RATE sends.
    expect(windows.reduce((a, b) => a + b, 0)).toBe(5);
    expect(Math.max(...windows)).toBeLessThanOrEqual(2);
    expect(windows.length).toBeGreaterThanOrEqual(3);
  });
});
