import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getChallengeAttempts } from "@/db/queries/verification";
import { getPendingChallenge } from "@/db/queries/verification-resolve";
import { auditEvents, mailOutbox, verificationChallenges } from "@/db/schema";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { parseLimitPolicy } from "@/lib/rate-limit";
import { MAX_CODE_ATTEMPTS } from "@/lib/verification/code";
import { metricValue } from "@/lib/verification/metrics";
import { isChallengeOutOfTries, redeemVerificationCode } from "@/lib/verification/redeem-code";
import { resolveChallenge, resolveChallenges } from "@/lib/verification/resolve-challenge";
import { startChallenge } from "@/lib/verification/start-challenge";
import { INCIDENT_ID, seedBooking, seedIncident } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedIncident(t.db);
});
afterAll(async () => t?.destroy());

const roomyVars = {
  VERIFY_LIMIT_REF: "1000/1m",
  VERIFY_LIMIT_IP: "1000/1m",
  VERIFY_LIMIT_GLOBAL: "100000/1m",
  VERIFY_CODE_LIMIT_PERSON: "1000/1d",
  VERIFY_CODE_LIMIT_IP: "1000/1d",
  VERIFY_CODE_MAIL_LIMIT: "1000/1h",
};
const roomy = parseLimitPolicy(roomyVars);

/** A traveller who went through step one: the challenge id (their cookie) and the code from their email. */
async function verifiedUpToCode(
  opts: { email?: string | null; booking?: Awaited<ReturnType<typeof seedBooking>>; policy?: typeof roomy } = {},
) {
  const email = opts.email === undefined ? `p${Math.random().toString(36).slice(2)}@example.org` : opts.email;
  const b =
    opts.booking ?? (await seedBooking(t.db, [{ givenName: "Pat", familyName: "Lee", dob: "1988-08-08", email }]));
  const outcome = await startChallenge(
    t.db,
    { bookingRef: b.ref, lastName: "Lee", dateOfBirth: "1988-08-08" },
    { ip: "203.0.113.30", locale: "en", policy: roomy },
  );
  if (outcome.kind !== "started") throw new Error("limited");
  const before = new Set((await t.db.select({ id: mailOutbox.id }).from(mailOutbox)).map((m) => m.id));
  await resolveChallenges(t.db, [await toResolve(outcome.challengeId)], { policy: opts.policy ?? roomy });
  let code: string | undefined;
  if (email) {
    for (const m of await t.db.select().from(mailOutbox)) {
      if (!before.has(m.id) && decryptField(m.toEnc, aadFor("mail_outbox", "to", m.id)) === email) {
        code = /\b(\d{10})\b/.exec(decryptField(m.bodyEnc, aadFor("mail_outbox", "body", m.id)))?.[1];
      }
    }
  }
  return { challengeId: outcome.challengeId, code, booking: b, email };
}

/** A pending challenge as the resolver reads it (what resolveChallenge does, with a policy of the test's own). */
async function toResolve(id: string) {
  const row = await getPendingChallenge(t.db, id);
  const [c] = await t.db.select().from(verificationChallenges).where(eq(verificationChallenges.id, id));
  if (!row || !c) throw new Error("no pending challenge");
  const v = JSON.parse(decryptField(row.requestEnc!, aadFor("verification_challenges", "request", id))) as {
    r: string;
    n: string;
    d: string;
  };
  return { id, details: { bookingRef: v.r, lastName: v.n, dateOfBirth: v.d }, live: row.live };
}

const otherCode = (code: string) => String((Number(code) + 1) % 10_000_000_000).padStart(10, "0");
/** Step two's context: the client address, and limits on failed codes roomy enough not to interfere. */
const ctx = { ip: "203.0.113.30", policy: roomy };

describe("redeeming a verification code", () => {
  it("the right code works once and binds the session to that person on that booking", async () => {
    const v = await verifiedUpToCode();
    const result = await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: v.code! }, ctx);
    expect(result).toEqual({
      personId: v.booking.passengers[0]!.personId,
      bookingId: v.booking.bookingId,
      incidentId: INCIDENT_ID,
    });
    expect(await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: v.code! }, ctx)).toBeNull();
    const [row] = await t.db.select().from(verificationChallenges).where(eq(verificationChallenges.id, v.challengeId));
    expect(row!.status).toBe("verified");
    expect(row!.consumedAt).not.toBeNull();
    expect(row!.codeHash).toBeNull();
    // actor_id names who acted: nobody known when the code was sent, the person once their code proved it.
    const personId = String(v.booking.passengers[0]!.personId);
    const events = await t.db
      .select({ action: auditEvents.action, actorType: auditEvents.actorType, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(eq(auditEvents.ref, v.challengeId));
    expect(events.sort((a, b) => a.action.localeCompare(b.action))).toEqual([
      { action: "verification.code_sent", actorType: "traveller", actorId: null },
      { action: "verification.verified", actorType: "traveller", actorId: personId },
    ]);
  });

  it("two racing requests with the right code: exactly one wins", async () => {
    const v = await verifiedUpToCode();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => redeemVerificationCode(t.db, { challengeId: v.challengeId, code: v.code! }, ctx)),
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
      expect(
        await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: otherCode(v.code!) }, ctx),
      ).toBeNull();
      expect(await getChallengeAttempts(t.db, v.challengeId)).toBe(i);
    }
    expect(await isChallengeOutOfTries(t.db, v.challengeId)).toBe(true);
    expect(await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: v.code! }, ctx)).toBeNull();
  });

  it("the right code on the last allowed try still works", async () => {
    const v = await verifiedUpToCode();
    for (let i = 1; i < MAX_CODE_ATTEMPTS; i++)
      await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: otherCode(v.code!) }, ctx);
    expect(await isChallengeOutOfTries(t.db, v.challengeId)).toBe(false);
    expect(await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: v.code! }, ctx)).not.toBeNull();
  });

  it("an expired code fails", async () => {
    const v = await verifiedUpToCode();
    await t.db
      .update(verificationChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(verificationChallenges.id, v.challengeId));
    expect(await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: v.code! }, ctx)).toBeNull();
  });

  it("unknown, unmatched and no-email challenges fail the same way and run out of tries at the same pace", async () => {
    expect(
      await redeemVerificationCode(
        t.db,
        { challengeId: "00000000-0000-4000-8000-000000000000", code: "1234567890" },
        ctx,
      ),
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
        expect(await redeemVerificationCode(t.db, { challengeId: id, code: "0000000000" }, ctx)).toBeNull();
        expect(await getChallengeAttempts(t.db, id)).toBe(i);
      }
      expect(await isChallengeOutOfTries(t.db, id)).toBe(true);
    }
  });

  it("a code for one challenge does not open another", async () => {
    const a = await verifiedUpToCode();
    const b = await verifiedUpToCode();
    if (a.code === b.code) return; // one in a million
    expect(await redeemVerificationCode(t.db, { challengeId: b.challengeId, code: a.code! }, ctx)).toBeNull();
  });
});

describe("the code step cannot be brute-forced (issue 9, High)", () => {
  const policy = (vars: Record<string, string>) => parseLimitPolicy({ ...roomyVars, ...vars });

  it("sends 10-digit codes", async () => {
    const v = await verifiedUpToCode();
    expect(v.code).toMatch(/^\d{10}$/);
  });

  it("a new challenge supersedes the person's older one: the older code stops working", async () => {
    const first = await verifiedUpToCode();
    const second = await verifiedUpToCode({ booking: first.booking, email: first.email });
    expect(second.code).toBeTruthy();
    expect(await redeemVerificationCode(t.db, { challengeId: first.challengeId, code: first.code! }, ctx)).toBeNull();
    expect(
      await redeemVerificationCode(t.db, { challengeId: second.challengeId, code: second.code! }, ctx),
    ).not.toBeNull();
  });

  it("caps failed codes per person across challenges, then refuses even the right code the same way", async () => {
    const p = policy({ VERIFY_CODE_LIMIT_PERSON: "6/1d" });
    const c = { ip: "198.51.100.60", policy: p };
    let v = await verifiedUpToCode();
    let failures = 0;
    // Four wrong codes on each challenge (one short of its own limit), a new challenge each time.
    while (failures < 6) {
      for (let i = 0; i < 4 && failures < 6; i++, failures++)
        expect(
          await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: otherCode(v.code!) }, c),
        ).toBeNull();
      v = await verifiedUpToCode({ booking: v.booking, email: v.email });
    }
    const attemptsBefore = await getChallengeAttempts(t.db, v.challengeId);
    expect(await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: v.code! }, c)).toBeNull();
    // The challenge counted the try as any other: the answer (wrong code / too many tries) cannot tell a cap.
    expect(await getChallengeAttempts(t.db, v.challengeId)).toBe(attemptsBefore! + 1);
    // Another person's budget is untouched, from the same client.
    const other = await verifiedUpToCode();
    expect(await redeemVerificationCode(t.db, { challengeId: other.challengeId, code: other.code! }, c)).not.toBeNull();
  });

  it("caps failed codes per client, and a right code does not use up the budget", async () => {
    const p = policy({ VERIFY_CODE_LIMIT_IP: "3/1h" });
    const c = { ip: "198.51.100.61", policy: p };
    const good = await verifiedUpToCode();
    expect(await redeemVerificationCode(t.db, { challengeId: good.challengeId, code: good.code! }, c)).not.toBeNull();
    for (let i = 0; i < 3; i++) {
      const v = await verifiedUpToCode();
      expect(
        await redeemVerificationCode(t.db, { challengeId: v.challengeId, code: otherCode(v.code!) }, c),
      ).toBeNull();
    }
    const last = await verifiedUpToCode();
    expect(await redeemVerificationCode(t.db, { challengeId: last.challengeId, code: last.code! }, c)).toBeNull();
    // The client's neighbour /64 or another IPv4 address is another client.
    expect(
      await redeemVerificationCode(
        t.db,
        { challengeId: last.challengeId, code: last.code! },
        { ...c, ip: "198.51.100.62" },
      ),
    ).not.toBeNull();
  });

  it("raises one alert line and counter when failed codes across everyone pass the alert level", async () => {
    // Its own window length: the global count is shared by the whole database.
    const p = policy({ VERIFY_CODE_ALERT: "3/17m" });
    const before = metricValue("portal_verify_code_alerts_total");
    const lines: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(String(line)));
    try {
      for (let i = 0; i < 6; i++) {
        const v = await verifiedUpToCode();
        await redeemVerificationCode(
          t.db,
          { challengeId: v.challengeId, code: otherCode(v.code!) },
          {
            ip: `198.51.100.${70 + i}`,
            policy: p,
          },
        );
      }
    } finally {
      spy.mockRestore();
    }
    expect(metricValue("portal_verify_code_alerts_total")).toBe(before + 1);
    const alerts = lines.filter((l) => l.includes('"level":"alert"'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain("verify.code.spread-out-failures");
    expect(alerts[0]).not.toMatch(/198\.51|@example/);
  });

  it("never mails one person more than VERIFY_CODE_MAIL_LIMIT codes, however many ask; the last code keeps working", async () => {
    const p = policy({ VERIFY_CODE_MAIL_LIMIT: "2/1h" });
    const first = await verifiedUpToCode({ policy: p });
    const second = await verifiedUpToCode({ booking: first.booking, email: first.email, policy: p });
    const third = await verifiedUpToCode({ booking: first.booking, email: first.email, policy: p });
    expect(first.code).toBeTruthy();
    expect(second.code).toBeTruthy();
    expect(third.code).toBeUndefined();
    const [row] = await t.db
      .select()
      .from(verificationChallenges)
      .where(eq(verificationChallenges.id, third.challengeId));
    expect(row!.status).toBe("capped");
    expect(
      await redeemVerificationCode(t.db, { challengeId: second.challengeId, code: second.code! }, ctx),
    ).not.toBeNull();
  });
});
