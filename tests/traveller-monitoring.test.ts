import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, incidents, mailOutbox, monitoringEnrolments } from "@/db/schema";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { ACTIVATION_CODE_PATTERN } from "@/lib/traveller/activation-code";
import { enrolInMonitoring, getMonitoringStatus, listGuardedMinors } from "@/lib/traveller/monitoring";
import { getOverview } from "@/lib/traveller/overview";
import { INCIDENT_ID } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import { dobYearsAgo, familyBooking, setEnrolBy, setProvider, travellerFor } from "./helpers/traveller-fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterEach(async () => setEnrolBy(t.db, INCIDENT_ID, "2099-09-30"));
afterAll(async () => t?.destroy());

const enrolmentsOf = (personId: number) =>
  t.db
    .select({ id: monitoringEnrolments.id, by: monitoringEnrolments.enrolledByPersonId })
    .from(monitoringEnrolments)
    .where(eq(monitoringEnrolments.personId, personId));

async function mailsTo(address: string) {
  const rows = await t.db
    .select({
      id: mailOutbox.id,
      kind: mailOutbox.kind,
      subject: mailOutbox.subject,
      toEnc: mailOutbox.toEnc,
      bodyEnc: mailOutbox.bodyEnc,
    })
    .from(mailOutbox);
  return rows
    .map((r) => ({
      kind: r.kind,
      subject: r.subject,
      to: decryptField(r.toEnc, aadFor("mail_outbox", "to", r.id)),
      body: decryptField(r.bodyEnc, aadFor("mail_outbox", "body", r.id)),
    }))
    .filter((m) => m.to === address);
}

describe("enrolling in monitoring", () => {
  it("gives an activation code, the term end 24 months after enrolment, and emails it once in the person's language", async () => {
    const b = await familyBooking(t.db);
    const s = await travellerFor(t.db, b, 0);
    const now = new Date("2026-01-31T15:00:00Z");
    const first = await enrolInMonitoring(t.db, s, { subject: "self" }, now);
    expect(first.status).toBe("enrolled");
    if (first.status !== "enrolled") throw new Error("unreachable");
    expect(first.enrolment.activationCode).toMatch(ACTIVATION_CODE_PATTERN);
    expect(first.enrolment).toMatchObject({ enrolledOn: "2026-01-31", termEndsOn: "2028-01-31" });
    expect(first.emailed).toBe(true);
    const again = await enrolInMonitoring(t.db, s, { subject: "self" }, new Date("2026-02-02T10:00:00Z"));
    expect(again).toEqual({ status: "already", enrolment: first.enrolment, emailed: false });
    const mails = await mailsTo("zoe.cote@example.org");
    expect(mails).toHaveLength(1);
    // Zoë reads French: the email is in French first, with the organisation, the code and the end date.
    expect(mails[0]!.subject).toMatch(/^Test Air\u00a0: votre code d’activation de surveillance d’identité \/ /);
    expect(mails[0]!.body.startsWith("——— Français ———\n\nBonjour Zoë,")).toBe(true);
    expect(mails[0]!.body).toContain(first.enrolment.activationCode);
    expect(mails[0]!.body).toContain("31 janvier 2028");
    expect(mails[0]!.body).toContain("Bonjour Zoë");
    // The code is stored encrypted.
    const [row] = await t.db
      .select({ enc: monitoringEnrolments.activationCodeEnc })
      .from(monitoringEnrolments)
      .where(eq(monitoringEnrolments.personId, s.session.personId));
    expect(row!.enc).not.toContain(first.enrolment.activationCode);
    const status = await getMonitoringStatus(t.db, s, now);
    expect(status).toMatchObject({ open: true, enrolment: first.enrolment, termMonths: 24, hasEmailOnFile: true });
  });

  it("is idempotent under concurrency: five at once make one row, one email and the same code", async () => {
    const b = await familyBooking(t.db);
    const s = await travellerFor(t.db, b, 1);
    const results = await Promise.all(Array.from({ length: 5 }, () => enrolInMonitoring(t.db, s, { subject: "self" })));
    const codes = new Set(
      results.map((r) => (r.status === "enrolled" || r.status === "already" ? r.enrolment.activationCode : r.status)),
    );
    expect(codes.size).toBe(1);
    expect([...codes][0]).toMatch(ACTIVATION_CODE_PATTERN);
    expect(results.filter((r) => r.status === "enrolled")).toHaveLength(1);
    expect(await enrolmentsOf(s.session.personId)).toHaveLength(1);
    const mails = await mailsTo("sean.obrien@example.net");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Test Air: your identity monitoring activation code \/ /);
  });

  it("is refused after the enrol-by date with the support phone, but an existing enrolment is still shown", async () => {
    const b = await familyBooking(t.db);
    await setEnrolBy(t.db, INCIDENT_ID, "2026-09-30");
    const early = await enrolInMonitoring(
      t.db,
      await travellerFor(t.db, b, 1),
      { subject: "self" },
      new Date("2026-09-30T23:59:00Z"),
    );
    expect(early.status).toBe("enrolled");
    const late = await enrolInMonitoring(
      t.db,
      await travellerFor(t.db, b, 0),
      { subject: "self" },
      new Date("2026-10-01T00:00:01Z"),
    );
    expect(late).toEqual({ status: "closed", enrolBy: "2026-09-30", supportPhone: "+1-888-555-0100" });
    expect(await enrolmentsOf((await travellerFor(t.db, b, 0)).session.personId)).toHaveLength(0);
    expect(
      (await getMonitoringStatus(t.db, await travellerFor(t.db, b, 0), new Date("2026-10-01T00:00:01Z"))).open,
    ).toBe(false);
    const lateRetry = await enrolInMonitoring(
      t.db,
      await travellerFor(t.db, b, 1),
      { subject: "self" },
      new Date("2026-10-05T00:00:00Z"),
    );
    expect(lateRetry.status).toBe("already");
  });
});

describe("the monitoring page's own section", () => {
  it("shows each person only their own enrolment, and whether an email is on file without reading it", async () => {
    const b = await familyBooking(t.db);
    const now = new Date("2026-01-31T12:00:00Z");
    const booker = await getMonitoringStatus(t.db, await travellerFor(t.db, b, 0), now);
    expect(booker).toEqual({
      enrolBy: "2099-09-30",
      termMonths: 24,
      supportPhone: "+1-888-555-0100",
      provider: null,
      open: true,
      enrolment: null,
      hasEmailOnFile: true,
    });
    expect((await getMonitoringStatus(t.db, await travellerFor(t.db, b, 2), now)).hasEmailOnFile).toBe(false);
    // The guardian enrols the minor: the minor's own status shows that enrolment, the booker's still shows none.
    const forMinor = await enrolInMonitoring(t.db, await travellerFor(t.db, b, 0), { subject: 2 }, now);
    if (forMinor.status !== "enrolled") throw new Error(`expected an enrolment, got ${forMinor.status}`);
    expect((await getMonitoringStatus(t.db, await travellerFor(t.db, b, 2), now)).enrolment).toEqual(
      forMinor.enrolment,
    );
    expect((await getMonitoringStatus(t.db, await travellerFor(t.db, b, 0), now)).enrolment).toBeNull();
    // A session naming an incident that is gone is a fault, not "not enrolled".
    const booker0 = await travellerFor(t.db, b, 0);
    await expect(
      getMonitoringStatus(t.db, { ...booker0, session: { ...booker0.session, incidentId: "gone" } }, now),
    ).rejects.toThrow();
  });
  it("names the provider and the last day to activate: the enrolment day plus the provider's days", async () => {
    const b = await familyBooking(t.db);
    const s = await travellerFor(t.db, b, 0);
    const now = new Date("2026-01-31T12:00:00Z");
    await setProvider(t.db, INCIDENT_ID, 90);
    try {
      const provider = {
        name: "Northwind Identity Monitoring",
        activationUrl: "https://monitoring.example.com/activate",
        phone: "+1-888-555-0177",
        activateWithinDays: 90,
      };
      expect((await getMonitoringStatus(t.db, s, now)).provider).toEqual(provider);
      expect((await getOverview(t.db, s, now))?.monitoring).toMatchObject({ provider, activateBy: null });
      await enrolInMonitoring(t.db, s, { subject: "self" }, now);
      // 31 January 2026 + 90 days (February has 28 days) is 1 May 2026.
      expect((await getOverview(t.db, s, now))?.monitoring).toMatchObject({ provider, activateBy: "2026-05-01" });
    } finally {
      await t.db
        .update(incidents)
        .set({ providerName: null, providerActivationUrl: null, providerPhone: null, providerActivateWithinDays: null })
        .where(eq(incidents.id, INCIDENT_ID));
    }
  });
});

describe("guardians", () => {
  it("the booker can enrol a minor on their booking; the code is emailed to the booker", async () => {
    const b = await familyBooking(t.db);
    const booker = await travellerFor(t.db, b, 0);
    const minors = await listGuardedMinors(t.db, booker);
    expect(minors).toEqual([{ ref: 2, initials: "A. D.", enrolment: null }]);
    const result = await enrolInMonitoring(t.db, booker, { subject: 2 });
    expect(result.status).toBe("enrolled");
    const rows = await enrolmentsOf(b.passengers[2]!.personId);
    expect(rows).toEqual([{ id: expect.any(String), by: booker.session.personId }]);
    expect((await listGuardedMinors(t.db, booker))[0]?.enrolment?.activationCode).toMatch(ACTIVATION_CODE_PATTERN);
    const mails = await mailsTo("zoe.cote@example.org");
    // Addressed to the guardian, naming the child by given name in the body only (subjects are stored in clear).
    expect(mails.at(-1)?.subject).toMatch(
      /^Test Air\u00a0: code d’activation de surveillance d’identité pour un enfant/,
    );
    expect(mails.at(-1)?.subject).not.toContain("A. D.");
    expect(mails.at(-1)?.body).toContain("L’inscription pour Ana-María n’est pas terminée");
    const [event] = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.personId, b.passengers[2]!.personId));
    expect(event?.action).toBe("monitoring.enrolled_by_guardian");
  });

  it("a non-booker cannot enrol a minor, the booker cannot enrol an adult companion, nor a minor on another booking", async () => {
    const b = await familyBooking(t.db);
    const other = await familyBooking(t.db);
    expect(await enrolInMonitoring(t.db, await travellerFor(t.db, b, 1), { subject: 2 })).toEqual({
      status: "forbidden",
    });
    expect(await listGuardedMinors(t.db, await travellerFor(t.db, b, 1))).toEqual([]);
    expect(await enrolInMonitoring(t.db, await travellerFor(t.db, b, 0), { subject: 1 })).toEqual({
      status: "forbidden",
    });
    // Position 3 does not exist on my booking; the other booking's minor is unreachable.
    expect(await enrolInMonitoring(t.db, await travellerFor(t.db, b, 0), { subject: 3 })).toEqual({
      status: "forbidden",
    });
    const booker0 = await travellerFor(t.db, b, 0);
    expect(
      await enrolInMonitoring(
        t.db,
        { ...booker0, session: { ...booker0.session, bookingId: other.bookingId } },
        { subject: 2 },
      ),
    ).toEqual({
      status: "forbidden",
    });
    for (const p of [...b.passengers.slice(1), ...other.passengers])
      expect(await enrolmentsOf(p.personId)).toHaveLength(0);
  });

  it("a companion who turned 18 is no longer a minor", async () => {
    const b = await familyBooking(t.db, [{}, {}, { dob: dobYearsAgo(18) }]);
    expect(await listGuardedMinors(t.db, await travellerFor(t.db, b, 0))).toEqual([]);
    expect(await enrolInMonitoring(t.db, await travellerFor(t.db, b, 0), { subject: 2 })).toEqual({
      status: "forbidden",
    });
  });
});
