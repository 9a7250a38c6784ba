import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verificationChallenges } from "@/db/schema";
import { verifyDetailsSchema } from "@/lib/forms/verify-details";
import { parseLimitPolicy } from "@/lib/rate-limit";
import { challengeCookieOptions, type StartOutcome, startChallenge } from "@/lib/verification/start-challenge";
import { seedBooking, seedIncident } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// Step one must answer the same for a real traveller and a made-up one. These tests run the step-one logic
// (what the server action does before it sets the cookie and redirects) for both and compare everything the
// caller gets back and everything written before the response; e2e/verify-oracle.spec.ts does the same over HTTP.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedIncident(t.db);
});
afterAll(async () => t?.destroy());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The outcome with its random id replaced, as the HTTP test strips ids. */
const shape = (o: StartOutcome) =>
  o.kind === "started" ? { ...o, challengeId: UUID.test(o.challengeId) ? "<uuid>" : o.challengeId } : o;

async function rowShape(id: string) {
  const [r] = await t.db.select().from(verificationChallenges).where(eq(verificationChallenges.id, id));
  return {
    status: r!.status,
    personId: r!.personId,
    bookingId: r!.bookingId,
    codeHash: r!.codeHash,
    attempts: r!.attempts,
    language: r!.language,
    requestEncLength: Math.round(r!.requestEnc!.length / 8),
    ttlSeconds: Math.round((r!.expiresAt.getTime() - r!.createdAt.getTime()) / 1000),
  };
}

describe("step one reveals nothing about whether a booking exists", () => {
  it("gives the same outcome and writes the same kind of row for an existing and a non-existent booking", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Real", familyName: "Person", dob: "1980-01-01", email: "real@example.org" },
    ]);
    const policy = parseLimitPolicy({ VERIFY_LIMIT_REF_TOTAL: "3/15m", VERIFY_LIMIT_IP: "100/10m" });
    const real = verifyDetailsSchema.parse({
      bookingRef: b.ref,
      lastName: "Person",
      dobDay: "1",
      dobMonth: "1",
      dobYear: "1980",
    });
    const fake = verifyDetailsSchema.parse({
      bookingRef: "XXX777",
      lastName: "Person",
      dobDay: "1",
      dobMonth: "1",
      dobYear: "1980",
    });

    const a = await startChallenge(t.db, real, { ip: "203.0.113.40", locale: "en", policy });
    const c = await startChallenge(t.db, fake, { ip: "203.0.113.41", locale: "en", policy });
    expect(shape(a)).toEqual(shape(c));
    expect(shape(a)).toEqual({ kind: "started", challengeId: "<uuid>" });
    if (a.kind !== "started" || c.kind !== "started") throw new Error("limited");
    expect(await rowShape(a.challengeId)).toEqual(await rowShape(c.challengeId));

    // The challenge cookie outlives the challenge the database holds for it (so a traveller is never told "start
    // again" while their code still works), and is the same HttpOnly cookie, scoped to /verify, for both.
    const cookie = challengeCookieOptions(false);
    const row = await rowShape(a.challengeId);
    expect(row.ttlSeconds).toBeGreaterThan(0);
    expect(cookie.maxAge).toBeGreaterThanOrEqual(row.ttlSeconds);
    expect(cookie).toMatchObject({ httpOnly: true, path: "/verify" });

    // Rate limiting counts attempts whatever they match: both references run out after the same number.
    const more = async (d: typeof real, ip: string) => [
      await startChallenge(t.db, d, { ip, locale: "en", policy }),
      await startChallenge(t.db, d, { ip, locale: "en", policy }),
      await startChallenge(t.db, d, { ip, locale: "en", policy }),
    ];
    const realMore = (await more(real, "203.0.113.42")).map(shape);
    const fakeMore = (await more(fake, "203.0.113.43")).map(shape);
    expect(realMore.map((o) => o.kind)).toEqual(["started", "started", "limited"]);
    expect(fakeMore.map((o) => o.kind)).toEqual(realMore.map((o) => o.kind));
    const retry = (o: ReturnType<typeof shape>) => (o.kind === "limited" ? Math.round(o.retryAfterSeconds / 60) : null);
    expect(Math.abs(retry(realMore[2]!)! - retry(fakeMore[2]!)!)).toBeLessThanOrEqual(1);
  });

  it("validation depends only on the format of what was typed", () => {
    const bad = verifyDetailsSchema.safeParse({
      bookingRef: "12",
      lastName: "",
      dobDay: "30",
      dobMonth: "2",
      dobYear: "2023",
    });
    expect(bad.success).toBe(false);
    const errors = bad.success ? {} : Object.fromEntries(bad.error.issues.map((i) => [i.path[0], i.message]));
    expect(errors).toEqual({
      bookingRef: "bookingRefInvalid",
      lastName: "lastNameRequired",
      dobDay: "dateOfBirthReal",
    });
    expect(
      verifyDetailsSchema.parse({
        bookingRef: " 5bap b6 ",
        lastName: "  Côté ",
        dobDay: "17",
        dobMonth: "03",
        dobYear: "1984",
      }),
    ).toEqual({ bookingRef: "5BAPB6", lastName: "Côté", dateOfBirth: "1984-03-17" });
  });
});
