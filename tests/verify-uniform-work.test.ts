import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parseLimitPolicy } from "@/lib/rate-limit";
import { resolveChallenge } from "@/lib/verification/resolve-challenge";
import { startChallenge } from "@/lib/verification/start-challenge";
import { seedBooking, seedIncident } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// Resolving a challenge must cost the same whichever passenger (if any) matches: every candidate's personal
// details are decrypted before any is compared. The real openPersonal runs; the wrapper only counts its calls.
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
  await seedIncident(t.db);
});
afterAll(async () => t?.destroy());
beforeEach(() => {
  opened.people.length = 0;
});

const roomy = parseLimitPolicy({
  VERIFY_LIMIT_REF: "1000/1m",
  VERIFY_LIMIT_IP: "1000/1m",
  VERIFY_LIMIT_GLOBAL: "100000/1m",
});

async function resolve(details: { bookingRef: string; lastName: string; dateOfBirth: string }) {
  const outcome = await startChallenge(t.db, details, { ip: "203.0.113.30", locale: "en", policy: roomy });
  if (outcome.kind !== "started") throw new Error("unexpectedly limited");
  return resolveChallenge(t.db, outcome.challengeId);
}

describe("resolving a challenge does the same work whoever matches", () => {
  // Three passengers share the last name, so all three are candidates for "Lavoie" on this booking.
  const family = [
    { givenName: "Anne", familyName: "Lavoie", dob: "1975-02-01", email: "anne@example.org" },
    { givenName: "Marc", familyName: "Lavoie", dob: "1977-08-09", email: "marc@example.org" },
    { givenName: "Léa", familyName: "Lavoie", dob: "2012-05-30" },
  ];

  it("opens every candidate's details, whether the first, the last or nobody matches", async () => {
    const b = await seedBooking(t.db, family);
    const everyone = b.passengers.map((p) => p.externalId).sort();
    for (const [dob, expected] of [
      ["1975-02-01", "sent"],
      ["2012-05-30", "no_email"],
      ["1990-01-01", "unmatched"],
    ] as const) {
      opened.people.length = 0;
      expect(await resolve({ bookingRef: b.ref, lastName: "Lavoie", dateOfBirth: dob })).toBe(expected);
      expect([...opened.people].sort()).toEqual(everyone);
    }
  });
});
