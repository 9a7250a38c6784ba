import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countAttempt, countAttempts } from "@/db/queries/rate-limit";
import { auditEvents, mailOutbox, rateLimits, verificationChallenges } from "@/db/schema";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { parseLimitPolicy } from "@/lib/rate-limit";
import { resolveChallenges } from "@/lib/verification/resolve-challenge";
import { resolveSoon } from "@/lib/verification/resolver-queue";
import { startChallenge } from "@/lib/verification/start-challenge";
import { openVerifyFlash, sealVerifyFlash } from "@/lib/verification/verify-flash";
import { seedBooking, seedIncident } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase, testDbKind } from "./helpers/test-db";

// Launch-day shape of verification: step one is one statement (limits + challenge), and challenges are resolved in
// batches after the response. A batch must give every challenge the outcome it would get alone, and racing
// resolvers must never mail twice.

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
type Typed = { bookingRef: string; lastName: string; dateOfBirth: string };

async function start(details: Typed, ip = "203.0.113.60") {
  const outcome = await startChallenge(t.db, details, { ip, locale: "en", policy: roomy });
  if (outcome.kind !== "started") throw new Error("unexpectedly limited");
  return { id: outcome.challengeId, details, live: true };
}

const statusOf = async (ids: string[]) =>
  Object.fromEntries(
    (
      await t.db
        .select({ id: verificationChallenges.id, status: verificationChallenges.status })
        .from(verificationChallenges)
        .where(inArray(verificationChallenges.id, ids))
    ).map((r) => [r.id, r.status]),
  );

async function mailTo(address: string) {
  const rows = await t.db.select().from(mailOutbox);
  return rows.filter((r) => r.toEnc && decryptField(r.toEnc, aadFor("mail_outbox", "to", r.id)) === address);
}

describe("batched resolution", () => {
  it("gives every challenge in one batch its own outcome", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Rosa", familyName: "Lind", dob: "1975-03-03", email: "rosa@example.org" },
      { givenName: "Tove", familyName: "Lind", dob: "2015-08-08", email: null },
      { givenName: "Erik", familyName: "Holm", dob: "1972-12-12", email: "erik@example.org" },
    ]);
    const sent = await start({ bookingRef: b.ref, lastName: "Lind", dateOfBirth: "1975-03-03" });
    const noEmail = await start({ bookingRef: b.ref, lastName: "lind", dateOfBirth: "2015-08-08" });
    const wrongDob = await start({ bookingRef: b.ref, lastName: "Holm", dateOfBirth: "1972-12-13" });
    const unknown = await start({ bookingRef: "QQQ777", lastName: "Holm", dateOfBirth: "1972-12-12" });
    const sentToo = await start({ bookingRef: b.ref, lastName: "HOLM", dateOfBirth: "1972-12-12" });
    const expired = {
      ...(await start({ bookingRef: b.ref, lastName: "Lind", dateOfBirth: "1975-03-03" })),
      live: false,
    };
    const unreadable = {
      ...(await start({ bookingRef: b.ref, lastName: "Lind", dateOfBirth: "1975-03-03" })),
      details: null,
    };
    const batch = [sent, noEmail, wrongDob, unknown, sentToo, expired, unreadable];

    const outcomes = await resolveChallenges(t.db, batch);
    expect(Object.fromEntries(outcomes)).toEqual({
      [sent.id]: "sent",
      [noEmail.id]: "no_email",
      [wrongDob.id]: "unmatched",
      [unknown.id]: "unmatched",
      [sentToo.id]: "sent",
      [expired.id]: "failed",
      [unreadable.id]: "failed",
    });
    expect(await statusOf(batch.map((c) => c.id))).toEqual(Object.fromEntries(outcomes));
    expect(await mailTo("rosa@example.org")).toHaveLength(1);
    expect(await mailTo("erik@example.org")).toHaveLength(1);
    // Each sent challenge is bound to its own person and has an audit event; the others hold no code.
    const rows = await t.db
      .select()
      .from(verificationChallenges)
      .where(
        inArray(
          verificationChallenges.id,
          batch.map((c) => c.id),
        ),
      );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(sent.id)!.personId).toBe(b.passengers[0]!.personId);
    expect(byId.get(sentToo.id)!.personId).toBe(b.passengers[2]!.personId);
    expect(byId.get(noEmail.id)!.personId).toBe(b.passengers[1]!.personId);
    for (const c of [noEmail, wrongDob, unknown, expired, unreadable]) expect(byId.get(c.id)!.codeHash).toBeNull();
    for (const r of rows) expect(r.requestEnc).toBeNull();
    const audits = await t.db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.ref, [sent.id, sentToo.id, noEmail.id]));
    expect(audits.map((a) => a.ref).sort()).toEqual([sent.id, sentToo.id].sort());
    // Sent for a visitor not yet verified: no actor id; the person is the record touched.
    for (const a of audits) expect(a).toMatchObject({ actorType: "traveller", actorId: null });
    expect(audits.find((a) => a.ref === sent.id)?.personId).toBe(b.passengers[0]!.personId);
  });

  // Racing needs connections of their own: on PGlite's single connection the statements queue and cannot race.
  it.runIf(testDbKind() === "postgres")(
    "racing resolvers over the same challenges produce one outcome and one email each (PostgreSQL only)",
    async () => {
      const b = await seedBooking(t.db, [
        { givenName: "Noor", familyName: "Haddad", dob: "1988-09-09", email: "noor@example.org" },
        { givenName: "Sami", familyName: "Haddad", dob: "1990-10-10", email: "noor@example.org" },
      ]);
      const batch = [
        await start({ bookingRef: b.ref, lastName: "Haddad", dateOfBirth: "1988-09-09" }),
        await start({ bookingRef: b.ref, lastName: "Haddad", dateOfBirth: "1990-10-10" }),
      ];
      const results = await Promise.all([
        resolveChallenges(t.db, batch),
        resolveChallenges(t.db, batch),
        resolveChallenges(t.db, batch),
      ]);
      // Every challenge is resolved by exactly one of them.
      for (const c of batch) expect(results.filter((r) => r.get(c.id) === "sent")).toHaveLength(1);
      expect(await mailTo("noor@example.org")).toHaveLength(2);
      expect(await resolveChallenges(t.db, batch)).toEqual(new Map());
    },
  );

  it("two challenges for one person in one batch: only the newest gets a code", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Lina", familyName: "Haddad", dob: "1988-09-09", email: "lina@example.org" },
    ]);
    const batch = [
      await start({ bookingRef: b.ref, lastName: "Haddad", dateOfBirth: "1988-09-09" }),
      await start({ bookingRef: b.ref, lastName: "Haddad", dateOfBirth: "1988-09-09" }),
    ];
    const outcomes = await resolveChallenges(t.db, batch);
    expect([outcomes.get(batch[0]!.id), outcomes.get(batch[1]!.id)]).toEqual(["superseded", "sent"]);
    expect(await mailTo("lina@example.org")).toHaveLength(1);
  });

  it("the per-instance queue resolves and delivers what arrives together", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Ivo", familyName: "Petrov", dob: "1969-06-01", email: "ivo@example.org" },
    ]);
    const many = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        start({ bookingRef: i === 0 ? b.ref : "WWW333", lastName: "Petrov", dateOfBirth: "1969-06-01" }),
      ),
    );
    await Promise.all(many.map((c) => resolveSoon(t.db, c)));
    expect(Object.values(await statusOf(many.map((c) => c.id))).sort()).toEqual([
      "sent",
      "unmatched",
      "unmatched",
      "unmatched",
      "unmatched",
    ]);
    const [mail] = await mailTo("ivo@example.org");
    expect(mail!.status).toBe("sent");
  });
});

describe("step one's single statement", () => {
  it("inserts the challenge only when every limit allows it", async () => {
    const policy = parseLimitPolicy({
      VERIFY_LIMIT_REF_TOTAL: "2/15m",
      VERIFY_LIMIT_IP: "100/10m",
      VERIFY_LIMIT_GLOBAL: "100000/1m",
    });
    const details = { bookingRef: "LMT234", lastName: "Any", dateOfBirth: "1990-01-01" };
    const outcomes = [];
    for (let i = 0; i < 3; i++)
      outcomes.push(await startChallenge(t.db, details, { ip: `198.51.100.${i + 10}`, locale: "en", policy }));
    expect(outcomes.map((o) => o.kind)).toEqual(["started", "started", "limited"]);
    const before = await t.db.$count(verificationChallenges);
    const limited = await countAttempt(t.db, {
      first: [],
      after: [{ bucket: "test:full", windowSeconds: 60, limit: 0 }],
      challenge: { id: crypto.randomUUID(), requestEnc: "x", language: "en", ttlSeconds: 600 },
    });
    expect(limited.allowed).toBe(false);
    expect(await t.db.$count(verificationChallenges)).toBe(before);
  });

  it("does not count the reference or global buckets for a client over its own limit", async () => {
    const first = [{ bucket: "test:ip-over", windowSeconds: 600, limit: 0 }];
    const after = [{ bucket: "test:ref-untouched", windowSeconds: 600, limit: 10 }];
    expect((await countAttempt(t.db, { first, after })).allowed).toBe(false);
    expect(await t.db.select().from(rateLimits).where(eq(rateLimits.bucket, "test:ref-untouched"))).toHaveLength(0);
  });
});

describe("the no-JavaScript flash cookie", () => {
  it("round-trips errors and typed values, and refuses anything tampered with", () => {
    const flash = {
      result: { status: "invalid" as const, fieldErrors: { dobDay: ["dateOfBirthReal"] } },
      values: { bookingRef: "5BAPB6", lastName: "Côté", dobDay: "30", dobMonth: "2", dobYear: "1984" },
    };
    const sealed = sealVerifyFlash(flash);
    expect(sealed).not.toContain("Côté");
    expect(openVerifyFlash(sealed)).toEqual(flash);
    expect(openVerifyFlash(`${sealed.slice(0, -3)}AAA`)).toBeNull();
    expect(openVerifyFlash("garbage")).toBeNull();
    expect(openVerifyFlash(undefined)).toBeNull();
  });
});

describe("coalesced step-one attempts", () => {
  const b = (bucket: string, limit: number, windowSeconds = 600) => ({ bucket, limit, windowSeconds });

  it("a batch decides exactly as the same attempts one after the other", async () => {
    // Ten attempts over shared buckets: an IP with room for 4, two references with room for 2 and 3, a global with
    // room for 5. Run once as a batch and once one by one on fresh bucket names; the decisions must match.
    const plan = (tag: string) =>
      Array.from({ length: 10 }, (_, i) => ({
        first: [b(`${tag}:ip:${i % 3 === 0 ? "a" : "b"}`, 4)],
        after: [b(`${tag}:ref:${i % 2}`, 2 + (i % 2)), b(`${tag}:global`, 5)],
      }));
    const batch = await countAttempts(t.db, plan("batch"));
    const oneByOne = [];
    for (const a of plan("single")) oneByOne.push(await countAttempt(t.db, a));
    expect(batch.map((d) => d.allowed)).toEqual(oneByOne.map((d) => d.allowed));
    expect(batch.filter((d) => d.allowed).length).toBeGreaterThan(0);
    expect(batch.filter((d) => !d.allowed).length).toBeGreaterThan(0);
    // Same counts left in every bucket.
    const counts = async (tag: string) =>
      Object.fromEntries(
        (await t.db.select({ bucket: rateLimits.bucket, count: rateLimits.count }).from(rateLimits))
          .filter((r) => r.bucket.startsWith(`${tag}:`))
          .map((r) => [r.bucket.slice(tag.length), r.count]),
      );
    expect(await counts("batch")).toEqual(await counts("single"));
  });

  it("parallel step-one requests on one reference: exactly the limit get a challenge", async () => {
    const policy = parseLimitPolicy({
      VERIFY_LIMIT_REF_TOTAL: "10/1d",
      VERIFY_LIMIT_IP: "1000/1d",
      VERIFY_LIMIT_GLOBAL: "100000/1d",
    });
    const details = { bookingRef: "PAR789", lastName: "Many", dateOfBirth: "1990-01-01" };
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => startChallenge(t.db, details, { ip: `10.9.${i}.1`, locale: "en", policy })),
    );
    const started = outcomes.flatMap((o) => (o.kind === "started" ? [o.challengeId] : []));
    expect(started).toHaveLength(10);
    expect(await t.db.$count(verificationChallenges, inArray(verificationChallenges.id, started))).toBe(10);
    for (const o of outcomes) if (o.kind === "limited") expect(o.retryAfterSeconds).toBeGreaterThan(0);
  });
});
