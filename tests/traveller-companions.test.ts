import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditEvents, companionContactAddresses, companionFlags } from "@/db/schema";
import { readFlagQueue } from "@/lib/agent/queue";
import { decryptField } from "@/lib/crypto/field-encryption";
import { contactAddressAad, flagCompanion, listCompanions } from "@/lib/traveller/companions";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import { familyBooking, travellerFor } from "./helpers/traveller-fixtures";

// Counts calls to the real openPersonal (it still runs): a companion's personal details are decrypted only when a
// rule needs them.
const opened = vi.hoisted(() => ({ people: [] as string[] }));
vi.mock("@/lib/crypto/personal-details", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/crypto/personal-details")>();
  return {
    ...real,
    openPersonal: (...args: Parameters<typeof real.openPersonal>) => {
      opened.people.push(args[2]);
      return real.openPersonal(...args);
    },
  };
});

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());
beforeEach(() => {
  opened.people.length = 0;
});

const flagsOf = (bookingId: number) =>
  t.db
    .select({ id: companionFlags.id, companion: companionFlags.companionPersonId, status: companionFlags.status })
    .from(companionFlags)
    .where(eq(companionFlags.bookingId, bookingId));

/** Every address kept for a flag, decrypted, with who gave it. */
const addressesOf = async (flagId: string) =>
  (
    await t.db
      .select()
      .from(companionContactAddresses)
      .where(eq(companionContactAddresses.flagId, flagId))
      .orderBy(companionContactAddresses.givenByPersonId)
  ).map((r) => {
    expect(r.emailEnc).not.toContain("example");
    return { by: r.givenByPersonId, email: decryptField(r.emailEnc, contactAddressAad(flagId, r.givenByPersonId)) };
  });

const agent = { agentId: "00000000-0000-4000-8000-000000000001", displayName: "Test Agent", role: "agent" as const };

describe("flagging a companion", () => {
  it("stores one flag per companion however often it is sent, and keeps the address with who gave it", async () => {
    const b = await familyBooking(t.db);
    const s = await travellerFor(t.db, b, 0);
    const minor = b.passengers[2]!.personId;
    expect(await flagCompanion(t.db, s, { companion: 2, contactEmail: undefined })).toEqual({
      status: "flagged",
      initials: "A. D.",
      givenAddress: null,
    });
    expect(await flagCompanion(t.db, s, { companion: 2, contactEmail: "guardian.one@example.org" })).toEqual({
      status: "updated",
      initials: "A. D.",
      givenAddress: "g•••@example.org",
    });
    let rows = await flagsOf(b.bookingId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.companion).toBe(minor);
    expect(await addressesOf(rows[0]!.id)).toEqual([{ by: s.session.personId, email: "guardian.one@example.org" }]);
    // A repeat without an email keeps the address already given; a newer one from the same person replaces theirs.
    await flagCompanion(t.db, s, { companion: 2, contactEmail: undefined });
    await flagCompanion(t.db, s, { companion: 2, contactEmail: "guardian.two@example.org" });
    rows = await flagsOf(b.bookingId);
    expect(rows).toHaveLength(1);
    expect(await addressesOf(rows[0]!.id)).toEqual([{ by: s.session.personId, email: "guardian.two@example.org" }]);
    // Another passenger flagging the same companion still makes one row.
    await flagCompanion(t.db, await travellerFor(t.db, b, 1), { companion: 2, contactEmail: undefined });
    expect(await flagsOf(b.bookingId)).toHaveLength(1);
    expect((await listCompanions(t.db, s)).find((c) => c.ref === 2)?.flagged).toBe(true);
  });

  it("flags concurrently sent twice as one row", async () => {
    const b = await familyBooking(t.db);
    const s = await travellerFor(t.db, b, 0);
    const results = await Promise.all(
      [1, 2, 3].map(() => flagCompanion(t.db, s, { companion: 1, contactEmail: undefined })),
    );
    expect(results.filter((r) => r.status === "flagged")).toHaveLength(1);
    expect(await flagsOf(b.bookingId)).toHaveLength(1);
  });

  it("does not keep a second address for a companion we can already reach", async () => {
    const b = await familyBooking(t.db);
    await flagCompanion(t.db, await travellerFor(t.db, b, 0), {
      companion: 1,
      contactEmail: "someone.else@example.org",
    });
    const [row] = await flagsOf(b.bookingId);
    expect(await addressesOf(row!.id)).toEqual([]);
  });

  it("writes an audit event with ids only, naming the traveller who acted", async () => {
    const b = await familyBooking(t.db);
    const s = await travellerFor(t.db, b, 0);
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
    const by = { actorType: "traveller", actorId: String(s.session.personId), personId: b.passengers[2]!.personId };
    expect(events).toEqual([
      { ...by, action: "companion.flagged" },
      { ...by, action: "companion.flag_updated" },
    ]);
  });

  it("cannot reach anyone outside the session's booking (IDOR)", async () => {
    const mine = await familyBooking(t.db);
    const theirs = await familyBooking(t.db);
    const s = await travellerFor(t.db, mine, 0);
    // Positions past the end of my booking resolve to nobody, whatever exists elsewhere.
    expect(await flagCompanion(t.db, s, { companion: 3, contactEmail: undefined })).toEqual({ status: "not_found" });
    // A session that claims a booking its person is not on reaches nobody on that booking.
    const forged = { ...s, session: { ...s.session, bookingId: theirs.bookingId } };
    expect(await flagCompanion(t.db, forged, { companion: 1, contactEmail: undefined })).toEqual({
      status: "not_found",
    });
    // A session from another incident reaches nobody either.
    const otherIncident = { ...s, session: { ...s.session, incidentId: "other-incident" } };
    expect(await flagCompanion(t.db, otherIncident, { companion: 1, contactEmail: undefined })).toEqual({
      status: "not_found",
    });
    expect(await flagsOf(theirs.bookingId)).toEqual([]);
    expect(await flagsOf(mine.bookingId)).toEqual([]);
    // Nobody can flag themselves: the session person is never among their companions.
    const refs = (await listCompanions(t.db, s)).map((c) => c.ref);
    expect(refs).toEqual([1, 2]);
    const self = await t.db
      .select()
      .from(companionFlags)
      .where(and(eq(companionFlags.companionPersonId, s.session.personId)));
    expect(self).toEqual([]);
  });
});

describe("a non-booker's view and flags", () => {
  it("decrypts no companion's personal details when a non-booker lists or flags companions", async () => {
    const b = await familyBooking(t.db);
    const companion = await travellerFor(t.db, b, 1);
    opened.people.length = 0;
    const list = await listCompanions(t.db, companion);
    expect(list.every((c) => c.guardian === null)).toBe(true);
    await flagCompanion(t.db, companion, { companion: 1, contactEmail: undefined });
    await flagCompanion(t.db, companion, { companion: 2, contactEmail: undefined });
    expect(opened.people).toEqual([]);
    // The booker's view reads ages (minor status), so the same count goes up there: the counter does count.
    await listCompanions(t.db, await travellerFor(t.db, b, 0));
    expect(opened.people.length).toBe(2);
  });
});

describe("contact addresses (issue 9, medium 4)", () => {
  it("keeps each address with who gave it: a companion's address never overwrites the booker's", async () => {
    const b = await familyBooking(t.db, [{}, {}, { dob: "1985-06-01" }]);
    const booker = await travellerFor(t.db, b, 0);
    const other = await travellerFor(t.db, b, 1);
    await flagCompanion(t.db, booker, { companion: 2, contactEmail: "booker.gave@example.org" });
    await flagCompanion(t.db, other, { companion: 2, contactEmail: "companion.gave@example.org" });
    const [flag] = await flagsOf(b.bookingId);
    expect(await addressesOf(flag!.id)).toEqual([
      { by: booker.session.personId, email: "booker.gave@example.org" },
      { by: other.session.personId, email: "companion.gave@example.org" },
    ]);
    // The agent sees exactly that: each address and who gave it.
    const { flags } = await readFlagQueue(t.db, agent, { status: "new", limit: 10_000 });
    expect(flags.find((f) => f.id === flag!.id)?.contactAddresses).toEqual([
      {
        email: "booker.gave@example.org",
        givenByName: "Zoë Côté",
        givenByRole: "booker",
        givenAt: expect.any(String),
      },
      {
        email: "companion.gave@example.org",
        givenByName: "Seán O'Brien",
        givenByRole: "companion",
        givenAt: expect.any(String),
      },
    ]);
  });

  it("lets only the booker give an address for a minor on their booking", async () => {
    const b = await familyBooking(t.db);
    const booker = await travellerFor(t.db, b, 0);
    const other = await travellerFor(t.db, b, 1);
    // A non-booker's address for the minor is not kept, and the answer is the same as for an adult.
    expect(await flagCompanion(t.db, other, { companion: 2, contactEmail: "attacker@example.net" })).toEqual({
      status: "flagged",
      initials: "A. D.",
      givenAddress: "a•••@example.net",
    });
    const [flag] = await flagsOf(b.bookingId);
    expect(await addressesOf(flag!.id)).toEqual([]);
    await flagCompanion(t.db, booker, { companion: 2, contactEmail: "guardian@example.org" });
    await flagCompanion(t.db, other, { companion: 2, contactEmail: "attacker.again@example.net" });
    expect(await addressesOf(flag!.id)).toEqual([{ by: booker.session.personId, email: "guardian@example.org" }]);
    const { flags } = await readFlagQueue(t.db, agent, { status: "new", limit: 10_000 });
    expect(JSON.stringify(flags)).not.toContain("attacker");
  });

  it("shows each traveller only the address they gave, masked, on the companions page", async () => {
    const b = await familyBooking(t.db, [{}, {}, { dob: "1985-06-01" }]);
    const booker = await travellerFor(t.db, b, 0);
    const other = await travellerFor(t.db, b, 1);
    expect((await listCompanions(t.db, booker)).map((c) => c.givenAddress)).toEqual([null, null]);
    await flagCompanion(t.db, booker, { companion: 2, contactEmail: "booker.gave@example.org" });
    const mine = await listCompanions(t.db, booker);
    expect(mine.find((c) => c.ref === 2)?.givenAddress).toBe("b•••@example.org");
    // The other passenger gave nothing: they see no address, not even masked, and nothing of the booker's.
    const theirs = await listCompanions(t.db, other);
    expect(theirs.map((c) => c.givenAddress)).toEqual([null, null]);
    await flagCompanion(t.db, other, { companion: 2, contactEmail: "zed@example.com" });
    expect((await listCompanions(t.db, other)).find((c) => c.ref === 2)?.givenAddress).toBe("z•••@example.com");
    expect((await listCompanions(t.db, booker)).find((c) => c.ref === 2)?.givenAddress).toBe("b•••@example.org");
  });
});
