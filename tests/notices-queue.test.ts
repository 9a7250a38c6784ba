import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { claimDueEmailNotices, markNoticeSent, renewNoticeLease, takeRateTokens } from "@/db/queries/notices";
import { monitoringEnrolments } from "@/db/schema";
import { composeNoticeEmail } from "@/lib/notices/compose";
import { prepareNotices } from "@/lib/notices/prepare";
import { queueDueReminders, reminderDue } from "@/lib/notices/reminders";
import { flagCompanion } from "@/lib/traveller/companions";
import { seedBooking } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import { familyBooking, setEnrolBy, travellerFor } from "./helpers/traveller-fixtures";

// What queues notices (companion flags, reminders) and the claim's rules, on both databases, without SMTP.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

const noticesOf = async (personId: number) =>
  rowsOf<{ kind: string; channel: string; status: string; flag: string | null }>(
    await t.db.execute(sql`
      select kind, channel, status, companion_flag_id as flag from notices where person_id = ${personId} order by id`),
  );

describe("companion flags queue a notice in the flag's transaction", () => {
  it("to the companion's own email, or to the address a traveller typed, once per flag", async () => {
    const b = await familyBooking(t.db);
    const booker = await travellerFor(t.db, b, 0);
    const adult = b.passengers[1]!.personId;
    const minor = b.passengers[2]!.personId;
    // The adult companion has an email on file: their own notice (kind companion), whatever address is typed.
    await flagCompanion(t.db, booker, { companion: 1, contactEmail: "typed@example.test" });
    await flagCompanion(t.db, booker, { companion: 1, contactEmail: undefined });
    expect((await noticesOf(adult)).map((n) => `${n.kind}:${n.channel}:${n.status}`)).toEqual([
      "companion:email:queued",
    ]);
    // The minor has none: a flag without an address queues nothing; with one, the no-personal-data message.
    await flagCompanion(t.db, booker, { companion: 2, contactEmail: undefined });
    expect(await noticesOf(minor)).toEqual([]);
    await flagCompanion(t.db, booker, { companion: 2, contactEmail: "parent@example.test" });
    const [contact] = await noticesOf(minor);
    expect(contact).toMatchObject({ kind: "companion_contact", channel: "email", status: "queued" });
    expect(contact?.flag).toBeTruthy();
  });
});

describe("reminders", () => {
  it("are due 30 and 7 days before the enrol-by date, and never from the deadline on", () => {
    const on = (d: string) => new Date(`${d}T12:00:00Z`);
    expect(reminderDue("2026-03-31", on("2026-02-28"))).toBeNull();
    expect(reminderDue("2026-03-31", on("2026-03-01"))).toBe("reminder_30");
    expect(reminderDue("2026-03-31", on("2026-03-24"))).toBe("reminder_7");
    expect(reminderDue("2026-03-31", on("2026-03-31"))).toBeNull();
  });

  it("go to people notified and not enrolled; enrolment and the deadline cancel queued ones", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Rae", familyName: "Rem", dob: "1970-01-01", email: "rae@example.test" },
      { givenName: "Sol", familyName: "Rem", dob: "1970-01-01", email: "sol@example.test" },
      { givenName: "Tam", familyName: "Rem", dob: "1970-01-01", email: null },
      { givenName: "Uma", familyName: "Rem", dob: "1970-01-01", email: "uma@example.test" },
    ]);
    const [rae, sol, tam, uma] = b.passengers.map((p) => p.personId) as [number, number, number, number];
    await prepareNotices(t.db);
    // Rae, Sol and Tam were notified (email sent, letter printed); Uma's notice has not gone out yet.
    await t.db.execute(
      sql`update notices set status = 'sent' where person_id in (${rae}, ${sol}) and kind = 'initial'`,
    );
    await t.db.execute(sql`update notices set status = 'printed' where person_id = ${tam} and kind = 'initial'`);
    const now = new Date();
    const in20Days = new Date(now.getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    await setEnrolBy(t.db, b.incidentId, in20Days);

    const first = await queueDueReminders(t.db, now);
    expect(first.queued).toBeGreaterThanOrEqual(3);
    expect((await noticesOf(rae)).map((n) => `${n.kind}:${n.channel}`)).toContain("reminder_30:email");
    expect((await noticesOf(tam)).map((n) => `${n.kind}:${n.channel}`)).toContain("reminder_30:letter");
    expect((await noticesOf(uma)).map((n) => n.kind)).not.toContain("reminder_30");
    // Idempotent: the daily run queues nobody twice.
    expect((await queueDueReminders(t.db, now)).queued).toBe(0);

    // Sol enrols: the queued reminder is cancelled (and compose would refuse it anyway).
    const solReminder = rowsOf<{ id: number }>(
      await t.db.execute(sql`select id from notices where person_id = ${sol} and kind = 'reminder_30'`),
    )[0]!;
    await t.db.insert(monitoringEnrolments).values({
      personId: sol,
      enrolledByPersonId: sol,
      activationCodeEnc: "x",
      consentAt: now,
      termEndsOn: "2099-01-01",
    });
    expect(await composeNoticeEmail(t.db, Number(solReminder.id))).toBeNull();
    expect((await queueDueReminders(t.db, now)).cancelled).toBe(1);
    expect((await noticesOf(sol)).find((n) => n.kind === "reminder_30")?.status).toBe("cancelled");

    // From the deadline on: nothing queued, everything still queued cancelled.
    const afterDeadline = new Date(now.getTime() + 21 * 86_400_000);
    const last = await queueDueReminders(t.db, afterDeadline);
    expect(last.queued).toBe(0);
    expect((await noticesOf(rae)).find((n) => n.kind === "reminder_30")?.status).toBe("cancelled");
  });
});

describe("the claim", () => {
  it("leases a notice to one sender; a lapsed lease taken over leaves the first sender nothing to record", async () => {
    await t.db.execute(sql`update notices set status = 'cancelled' where status = 'queued'`);
    const b = await seedBooking(t.db, [
      { givenName: "Vi", familyName: "Claim", dob: "1970-01-01", email: "vi@x.test" },
    ]);
    await prepareNotices(t.db);
    const [first] = await claimDueEmailNotices(t.db, { limit: 10, leaseSeconds: 60 });
    expect(first).toBeDefined();
    // Leased: nobody else can claim it.
    expect(await claimDueEmailNotices(t.db, { limit: 10, leaseSeconds: 60 })).toEqual([]);
    // The lease lapses (moved, not waited for) and a second sender takes it over.
    await t.db.execute(sql`update notices set due_at = now() where id = ${first!.id}`);
    const [second] = await claimDueEmailNotices(t.db, { limit: 10, leaseSeconds: 60 });
    expect(second?.id).toBe(first!.id);
    expect(await renewNoticeLease(t.db, first!, 60)).toBe(false);
    expect(await markNoticeSent(t.db, first!)).toBe(false);
    expect(await markNoticeSent(t.db, second!)).toBe(true);
    expect((await noticesOf(b.passengers[0]!.personId))[0]?.status).toBe("sent");
  });

  it("shares NOTICE_RATE through one window row", async () => {
    const bucket = `test.${Math.random()}`;
    let granted = 0;
    let windows = 0;
    // However many ask, at most `limit` per window (counted within one window: a new one resets it).
    for (let i = 0; i < 6; i++) {
      const r = await takeRateTokens(t.db, { bucket, want: 4, limit: 10 });
      if (r.granted === 0) windows++;
      granted += r.granted;
      if (windows > 0) break;
    }
    expect(granted).toBeLessThanOrEqual(10 * 2);
    const [row] = rowsOf<{ total: number }>(
      await t.db.execute(sql`select max(count)::int as total from rate_limits where bucket = ${bucket}`),
    );
    expect(Number(row?.total)).toBeLessThanOrEqual(10);
  });
});
