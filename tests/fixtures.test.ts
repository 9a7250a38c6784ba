import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookingPassengers, people } from "@/db/schema";
import { passengerLookupIndex } from "@/lib/crypto/blind-index";
import { openPersonal } from "@/lib/crypto/personal-details";
import { seedBooking } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

describe("test fixtures", () => {
  it("store encrypted fields and find a traveller by booking reference and a loosely typed last name", async () => {
    const seeded = await seedBooking(t.db, [
      { givenName: "Éloïse", familyName: "Côté", dob: "1958-11-18", email: "e@example.org" },
    ]);
    const rows = await t.db
      .select({ id: people.id, personalEnc: people.personalEnc, externalId: people.externalId })
      .from(bookingPassengers)
      .innerJoin(people, eq(people.id, bookingPassengers.personId))
      .where(and(eq(bookingPassengers.lookupBidx, passengerLookupIndex(` ${seeded.ref.toLowerCase()} `, "COTE"))));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.personalEnc).not.toContain("1958");
    expect(rows[0]!.personalEnc).not.toContain("example.org");
    expect(openPersonal(rows[0]!.personalEnc, seeded.incidentId, rows[0]!.externalId)).toMatchObject({
      dateOfBirth: "1958-11-18",
      email: "e@example.org",
    });
  });
});
