import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCompletedItems } from "@/db/queries/checklist";
import { findSessionPassenger } from "@/db/queries/session";
import { setChecklistItem } from "@/lib/traveller/checklist";
import { listCompanions } from "@/lib/traveller/companions";
import { enrolInMonitoring, getMonitoringStatus } from "@/lib/traveller/monitoring";
import { getOverview } from "@/lib/traveller/overview";
import { seedBooking } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import { familyBooking, sessionFor, setEnrolBy, travellerFor } from "./helpers/traveller-fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

describe("what the verified traveller sees about themselves", () => {
  it("lists only their own exposed categories, with masked hints, in catalogue order", async () => {
    const b = await familyBooking(t.db);
    // Someone with the same name on another booking must not leak in either.
    await seedBooking(t.db, [
      { givenName: "Zoë", familyName: "Côté", dob: "1980-03-14", exposures: [{ category: "cobrand_card_account" }] },
    ]);
    const me = (await getOverview(t.db, await travellerFor(t.db, b, 0)))?.overview;
    expect(me?.givenName).toBe("Zoë");
    expect(me?.isBooker).toBe(true);
    expect(me?.exposures).toEqual([
      { category: "full_name", detail: null },
      { category: "contact_info", detail: "Email address" },
      { category: "travel_document", detail: "Passport ending 7731" },
    ]);
    const companion = (await getOverview(t.db, await travellerFor(t.db, b, 1)))?.overview;
    expect(companion?.isBooker).toBe(false);
    expect(companion?.exposures.map((e) => e.category)).toEqual(["mailing_address", "rewards_account"]);
    // The DTO carries no family name, email or date of birth.
    const json = JSON.stringify(me);
    for (const secret of ["Côté", "zoe.cote@example.org", "1980-03-14"]) expect(json).not.toContain(secret);
  });

  it("returns an empty list (not an error) for a person with no category rows", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Lone", familyName: "Traveller", dob: "1990-01-01", exposures: [] },
    ]);
    expect((await getOverview(t.db, await travellerFor(t.db, b)))?.overview.exposures).toEqual([]);
  });
});

describe("checklist progress", () => {
  it("persists ticks and unticks, idempotently, for the next visit", async () => {
    const b = await familyBooking(t.db);
    const s = await travellerFor(t.db, b, 0);
    expect(await setChecklistItem(t.db, s, { itemKey: "travel_document.report-or-replace", done: true })).toEqual({
      status: "ok",
    });
    expect(await setChecklistItem(t.db, s, { itemKey: "travel_document.report-or-replace", done: true })).toEqual({
      status: "ok",
    });
    expect(await setChecklistItem(t.db, s, { itemKey: "contact_info.never-asked", done: true })).toEqual({
      status: "ok",
    });
    expect((await getOverview(t.db, s))?.overview.completedItems.sort()).toEqual([
      "contact_info.never-asked",
      "travel_document.report-or-replace",
    ]);
    await setChecklistItem(t.db, s, { itemKey: "contact_info.never-asked", done: false });
    await setChecklistItem(t.db, s, { itemKey: "contact_info.never-asked", done: false });
    expect(await listCompletedItems(t.db, s.session.personId)).toEqual(["travel_document.report-or-replace"]);
    // Another passenger's progress is their own.
    expect(await listCompletedItems(t.db, sessionFor(b, 1).personId)).toEqual([]);
  });

  it("refuses items of categories the person was not exposed in, and unknown keys", async () => {
    const b = await familyBooking(t.db);
    const s = await travellerFor(t.db, b, 0);
    expect(await setChecklistItem(t.db, s, { itemKey: "rewards_account.review-activity", done: true })).toEqual({
      status: "forbidden",
    });
    expect(await setChecklistItem(t.db, s, { itemKey: "travel_document.made-up", done: true })).toEqual({
      status: "forbidden",
    });
    expect(await listCompletedItems(t.db, s.session.personId)).toEqual([]);
  });
});

describe("companions as the traveller sees them", () => {
  it("are the other passengers, as initials with an affected flag, never their data", async () => {
    const b = await familyBooking(t.db);
    const list = await listCompanions(t.db, await travellerFor(t.db, b, 0));
    expect(list).toEqual([
      {
        ref: 1,
        initials: "S. O.",
        affected: true,
        flagged: false,
        hasEmailOnFile: true,
        givenAddress: null,
        guardian: null,
      },
      {
        ref: 2,
        initials: "A. D.",
        affected: true,
        flagged: false,
        hasEmailOnFile: false,
        givenAddress: null,
        guardian: { enrolled: false },
      },
    ]);
    const json = JSON.stringify(list);
    for (const secret of [
      "Seán",
      "O'Brien",
      "Ana",
      "Fontaine",
      "sean.obrien@example.net",
      "1979-07-02",
      "Passport",
      "Member ID",
      "YUL-LHR",
      "rewards",
      String(b.passengers[1]!.personId),
    ]) {
      expect(json).not.toContain(secret);
    }
  });

  it("show minor status only to the booker, and list a companion with no categories as not affected", async () => {
    const b = await familyBooking(t.db, [{}, { exposures: [] }]);
    const fromCompanion = await listCompanions(t.db, await travellerFor(t.db, b, 1));
    expect(fromCompanion.map((c) => [c.initials, c.affected, c.guardian])).toEqual([
      ["Z. C.", true, null],
      ["A. D.", true, null],
    ]);
    const fromBooker = await listCompanions(t.db, await travellerFor(t.db, b, 0));
    expect(fromBooker.find((c) => c.initials === "S. O.")?.affected).toBe(false);
  });

  it("are empty for a traveller alone on the booking, and for a session that does not match the booking", async () => {
    const alone = await seedBooking(t.db, [{ givenName: "Solo", familyName: "Flyer", dob: "1970-01-01" }]);
    const solo = await travellerFor(t.db, alone);
    expect(await listCompanions(t.db, solo)).toEqual([]);
    const b = await familyBooking(t.db);
    expect(await listCompanions(t.db, { ...solo, session: { ...solo.session, bookingId: b.bookingId } })).toEqual([]);
  });
});

describe("the overview page's data (/my)", () => {
  it("agrees with the monitoring and companions pages, reading only summaries of them", async () => {
    const b = await familyBooking(t.db);
    const s = await travellerFor(t.db, b, 0);
    const now = new Date("2025-07-01T12:00:00Z");
    await setEnrolBy(t.db, s.session.incidentId, "2025-12-31");
    await setChecklistItem(t.db, s, { itemKey: "contact_info.never-asked", done: true });
    const before = await getOverview(t.db, s, now);
    expect(before?.overview.givenName).toBe("Zoë");
    expect(before?.overview.completedItems).toEqual(["contact_info.never-asked"]);
    expect(before?.hasCompanions).toBe((await listCompanions(t.db, s, now)).length > 0);
    const status = await getMonitoringStatus(t.db, s, now);
    expect(before?.monitoring).toEqual({
      enrolBy: status.enrolBy,
      termMonths: status.termMonths,
      open: true,
      termEndsOn: null,
      activateBy: null,
      provider: status.provider,
    });
    expect(before?.supportPhone).toBe(status.supportPhone);

    const enrolled = await enrolInMonitoring(t.db, s, { subject: "self" }, now);
    if (enrolled.status !== "enrolled") throw new Error(`expected an enrolment, got ${enrolled.status}`);
    const after = await getOverview(t.db, s, now);
    expect(after?.monitoring.termEndsOn).toBe(enrolled.enrolment.termEndsOn);
    // The page data never carries the activation code, an email address, a date of birth or a companion's name.
    const json = JSON.stringify(after);
    for (const secret of [
      enrolled.enrolment.activationCode,
      "zoe.cote@example.org",
      "1980-03-14",
      "Seán",
      "Ana-María",
      "O'Brien",
    ])
      expect(json).not.toContain(secret);
    // Closed after the enrol-by date.
    expect(
      (await getOverview(t.db, await travellerFor(t.db, b, 1), new Date("2026-01-01T00:00:00Z")))?.monitoring.open,
    ).toBe(false);
  });

  it("has no companions card for someone alone on a booking, nor for a session claiming another booking", async () => {
    const alone = await seedBooking(t.db, [{ givenName: "Solo", familyName: "Flyer", dob: "1970-01-01" }]);
    const solo = await travellerFor(t.db, alone);
    expect((await getOverview(t.db, solo))?.hasCompanions).toBe(false);
    const b = await familyBooking(t.db);
    // Claiming someone else's booking (the session check refuses it; this is the query's own defence): the
    // booking's passengers are not counted as companions.
    const forged = { ...solo, session: { ...solo.session, bookingId: b.bookingId } };
    expect((await getOverview(t.db, forged))?.hasCompanions).toBe(false);
  });
});

describe("the session check (lib/auth/traveller.ts)", () => {
  it("finds the person only on their own booking, in the session's incident, and reads their name and role", async () => {
    const b = await familyBooking(t.db);
    expect(await findSessionPassenger(t.db, { ...sessionFor(b, 0), epoch: 0 })).toEqual({
      givenName: "Zoë",
      isBooker: true,
    });
    expect(await findSessionPassenger(t.db, { ...sessionFor(b, 1), epoch: 0 })).toEqual({
      givenName: "Seán",
      isBooker: false,
    });
    const other = await familyBooking(t.db);
    expect(await findSessionPassenger(t.db, { ...sessionFor(b, 0), epoch: 0, bookingId: other.bookingId })).toBeNull();
    expect(
      await findSessionPassenger(t.db, { ...sessionFor(b, 0), epoch: 0, incidentId: "other-incident" }),
    ).toBeNull();
  });
});
