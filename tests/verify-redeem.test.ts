import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getChallengeAttempts } from "@/db/queries/verification";
import { auditEvents, mailOutbox, verificationChallenges } from "@/db/schema";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { parseLimitPolicy } from "@/lib/rate-limit";
import { MAX_CODE_ATTEMPTS } from "@/lib/verification/code";
import { isOutOfTries, redeemVerificationCode } from "@/lib/verification/redeem-code";
import { resolveChallenge } from "@/lib/verification/resolve-challenge";
import { startChallenge } from "@/lib/verification/start-challenge";
import { INCIDENT_ID, seedBooking, seedIncident } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedIncident(t.db);
});
afterAll(async () => t?.destroy());

const roomy = parseLimitPolicy({
  VERIFY_LIMIT_REF: "1000/1m",
  VERIFY_LIMIT_IP: "1000/1m",
  VERIFY_LIMIT_GLOBAL: "100000/1m",
});

/** A traveller who went through step one: the challenge id (their cookie) and the code from their email. */
async function verifiedUpToCode(opts: { email?: string | null } = {}) {
  const email = opts.email === undefined ? `p${Math.random().toString(36).slice(2)}@example.org` : opts.email;
  const b = await seedBooking(t.db, [{ givenName: "Pat", familyName: "Lee", dob: "1988-08-08", email }]);
  const outcome = await startChallenge(
    t.db,
    { bookingRef: b.ref, lastName: "Lee", dateOfBirth: "1988-08-08" },
    { ip: "203.0.113.30", locale: "en", policy: roomy },
  );
  if (outcome.kind !== "started") throw new Error("limited");
  await resolveChallenge(t.db, outcome.challengeId);
  let code: string | undefined;
  if (email) {
    for (const m of await t.db.select().from(mailOutbox)) {
      if (decryptField(m.toEnc, aadFor("mail_outbox", "to", m.id)) === email) {
        code = /\b(\d{6})\b/.exec(decryptField(m.bodyEnc, aadFor("mail_outbox", "body", m.id)))?.[1];
      }
    }
  }
  return { challengeId: outcome.challengeId, code, booking: b };
}

const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("redeeming a verification code", () => {
  it("the right code works once and binds the session to that person on that booking", async () => {
    const v = await verifiedUpToCode();
    const result = await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: v.code! });
    expect(result).toEqual({
      personId: v.booking.passengers[0]!.personId,
      bookingId: v.booking.bookingId,
      incidentId: INCIDENT_ID,
    });
    expect(await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: v.code! })).toBeNull();
    const [row] = await t.db.select().from(verificationChallenges).where(eq(verificationChallenges.id, v.challengeId));
    expect(row!.status).toBe("verified");
    expect(row!.consumedAt).not.toBeNull();
    expect(row!.codeHash).toBeNull();
    const events = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.actorId, v.challengeId));
    expect(events.map((e) => e.action).sort()).toEqual(["verification.code_sent", "verification.verified"]);
  });

  it("two racing requests with the right code: exactly one wins", async () => {
    const v = await verifiedUpToCode();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => redeemVerificationCode(t.db, { challengeId: v.challengeId, code: v.code! })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("stores the code only as a keyed hash", async () => {
    const v = await verifiedUpToCode();
    const [row] = await t.db.select().from(verificationChallenges).where(eq(verificationChallenges.id, v.challengeId));
    expect(JSON.stringify(row)).not.toContain(v.code!);
    expect(row!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    // Not a plain sha256 of the code either (keyed, and bound to the challenge).
    const { createHash } = await import("node:crypto");
    expect(row!.codeHash).not.toBe(createHash("sha256").update(v.code!).digest("hex"));
  });

  it("counts wrong codes and locks the challenge after the maximum, even for the right code", async () => {
    const v = await verifiedUpToCode();
    for (let i = 1; i <= MAX_CODE_ATTEMPTS; i++) {
      expect(await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: otherCode(v.code!) })).toBeNull();
      expect(await getChallengeAttempts(t.db, v.challengeId)).toBe(i);
    }
    expect(isOutOfTries(await getChallengeAttempts(t.db, v.challengeId))).toBe(true);
    expect(await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: v.code! })).toBeNull();
  });

  it("the right code on the last allowed try still works", async () => {
    const v = await verifiedUpToCode();
    for (let i = 1; i < MAX_CODE_ATTEMPTS; i++)
      await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: otherCode(v.code!) });
    expect(isOutOfTries(await getChallengeAttempts(t.db, v.challengeId))).toBe(false);
    expect(await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: v.code! })).not.toBeNull();
  });

  it("an expired code fails", async () => {
    const v = await verifiedUpToCode();
    await t.db
      .update(verificationChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(verificationChallenges.id, v.challengeId));
    expect(await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: v.code! })).toBeNull();
  });

  it("unknown, unmatched and no-email challenges fail the same way and run out of tries at the same pace", async () => {
    expect(
      await redeemVerificationCode(t.db, { challengeId: "00000000-0000-4000-8000-000000000000", code: "123456" }),
    ).toBeNull();
    const unmatched = await startChallenge(
      t.db,
      { bookingRef: "QQQ999", lastName: "Nobody", dateOfBirth: "1990-01-01" },
      { ip: "203.0.113.31", locale: "en", policy: roomy },
    );
    if (unmatched.kind !== "started") throw new Error("limited");
    await resolveChallenge(t.db, unmatched.challengeId);
    const noEmail = await verifiedUpToCode({ email: null });
    for (const id of [unmatched.challengeId, noEmail.challengeId]) {
      for (let i = 1; i <= MAX_CODE_ATTEMPTS; i++) {
        expect(await redeemVerificationCode(t.db, { challengeId: id, code: "000000" })).toBeNull();
        expect(await getChallengeAttempts(t.db, id)).toBe(i);
      }
      expect(isOutOfTries(await getChallengeAttempts(t.db, id))).toBe(true);
    }
  });

  it("a code for one challenge does not open another", async () => {
    const a = await verifiedUpToCode();
    const b = await verifiedUpToCode();
    if (a.code === b.code) return; // one in a million
    expect(await redeemVerificationCode(t.db, { challengeId: b.challengeId, code: a.code! })).toBeNull();
  });
});
