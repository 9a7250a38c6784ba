import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companionFlagEmailAad } from "@/db/queries/companions";
import { auditEvents, companionFlags } from "@/db/schema";
import { decryptField } from "@/lib/crypto/field-encryption";
import { flagCompanion, isOwnCompanion, listCompanions } from "@/lib/traveller/companions";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import { familyBooking, sessionFor } from "./helpers/traveller-fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

const flagsOf = (bookingId: number) =>
  t.db
    .select({
      companion: companionFlags.companionPersonId,
      by: companionFlags.flaggedByPersonId,
      emailEnc: companionFlags.contactEmailEnc,
      status: companionFlags.status,
    })
    .from(companionFlags)
    .where(eq(companionFlags.bookingId, bookingId));

describe("flagging a companion", () => {
  it("stores one flag per companion however often it is sent, and a later email replaces the earlier one", async () => {
    const b = await familyBooking(t.db);
    const s = sessionFor(b, 0);
    const minor = b.passengers[2]!.personId;
    expect(await flagCompanion(t.db, s, { companion: 2, contactEmail: undefined })).toEqual({
      status: "flagged",
      initials: "A. D.",
    });
    expect(await flagCompanion(t.db, s, { companion: 2, contactEmail: "guardian.one@example.org" })).toEqual({
      status: "updated",
      initials: "A. D.",
    });
    let rows = await flagsOf(b.bookingId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.companion).toBe(minor);
    expect(rows[0]!.emailEnc).not.toContain("example.org");
    expect(decryptField(rows[0]!.emailEnc!, companionFlagEmailAad(b.bookingId, minor))).toBe(
      "guardian.one@example.org",
    );
    // A repeat without an email keeps the address already given.
    await flagCompanion(t.db, s, { companion: 2, contactEmail: undefined });
    rows = await flagsOf(b.bookingId);
    expect(rows).toHaveLength(1);
    expect(decryptField(rows[0]!.emailEnc!, companionFlagEmailAad(b.bookingId, minor))).toBe(
      "guardian.one@example.org",
    );
    // Another passenger flagging the same companion still makes one row.
    await flagCompanion(t.db, sessionFor(b, 1), { companion: 2, contactEmail: undefined });
    expect(await flagsOf(b.bookingId)).toHaveLength(1);
    expect((await listCompanions(t.db, s)).find((c) => c.ref === 2)?.flagged).toBe(true);
  });

  it("flags concurrently sent twice as one row", async () => {
    const b = await familyBooking(t.db);
    const s = sessionFor(b, 0);
    const results = await Promise.all(
      [1, 2, 3].map(() => flagCompanion(t.db, s, { companion: 1, contactEmail: undefined })),
    );
    expect(results.filter((r) => r.status === "flagged")).toHaveLength(1);
    expect(await flagsOf(b.bookingId)).toHaveLength(1);
  });

  it("does not keep a second address for a companion we can already reach", async () => {
    const b = await familyBooking(t.db);
    await flagCompanion(t.db, sessionFor(b, 0), { companion: 1, contactEmail: "someone.else@example.org" });
    const [row] = await flagsOf(b.bookingId);
    expect(row?.emailEnc).toBeNull();
  });

  it("writes an audit event with ids only", async () => {
    const b = await familyBooking(t.db);
    const s = sessionFor(b, 0);
    await flagCompanion(t.db, s, { companion: 2, contactEmail: "kid.contact@example.org" });
    await flagCompanion(t.db, s, { companion: 2, contactEmail: undefined });
    const events = await t.db
      .select({
        actorType: auditEvents.actorType,
        actorId: auditEvents.actorId,
        action: auditEvents.action,
        personId: auditEvents.personId,
      })
      .from(auditEvents)
      .where(eq(auditEvents.bookingId, b.bookingId));
    expect(events).toEqual([
      {
        actorType: "traveller",
        actorId: String(s.personId),
        action: "companion.flagged",
        personId: b.passengers[2]!.personId,
      },
      {
        actorType: "traveller",
        actorId: String(s.personId),
        action: "companion.flag_updated",
        personId: b.passengers[2]!.personId,
      },
    ]);
  });

  it("cannot reach anyone outside the session's booking (IDOR)", async () => {
    const mine = await familyBooking(t.db);
    const theirs = await familyBooking(t.db);
    const s = sessionFor(mine, 0);
    // Positions past the end of my booking resolve to nobody, whatever exists elsewhere.
    expect(await flagCompanion(t.db, s, { companion: 3, contactEmail: undefined })).toEqual({ status: "not_found" });
    expect(await isOwnCompanion(t.db, s, 3)).toBe(false);
    // A session that claims a booking its person is not on reaches nobody on that booking.
    const forged = { ...s, bookingId: theirs.bookingId };
    expect(await flagCompanion(t.db, forged, { companion: 1, contactEmail: undefined })).toEqual({
      status: "not_found",
    });
    // A session from another incident reaches nobody either.
    expect(
      await flagCompanion(t.db, { ...s, incidentId: "other-incident" }, { companion: 1, contactEmail: undefined }),
    ).toEqual({ status: "not_found" });
    expect(await flagsOf(theirs.bookingId)).toEqual([]);
    expect(await flagsOf(mine.bookingId)).toEqual([]);
    // Nobody can flag themselves: the session person is never among their companions.
    const refs = (await listCompanions(t.db, s)).map((c) => c.ref);
    expect(refs).toEqual([1, 2]);
    const self = await t.db
      .select()
      .from(companionFlags)
      .where(and(eq(companionFlags.companionPersonId, s.personId)));
    expect(self).toEqual([]);
  });
});
