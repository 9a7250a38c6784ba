import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, noticeCodes } from "@/db/schema";
import { verifyLetterSchema } from "@/lib/forms/verify-letter";
import { parseLimitPolicy } from "@/lib/rate-limit";
import { issueNoticeCode, type LetterOutcome, verifyWithLetter } from "@/lib/verification/letter";
import { seedBooking, seedIncident } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// "I have a letter" (lib/verification/letter.ts): the details and the notice code open the person's view, and
// every wrong input gets the same answer, within step one's and step two's limits.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedIncident(t.db);
});
afterAll(async () => t?.destroy());

const roomy = parseLimitPolicy({
  VERIFY_LIMIT_REF: "1000/1m",
  VERIFY_LIMIT_REF_TOTAL: "1000/1m",
  VERIFY_LIMIT_IP: "1000/1m",
  VERIFY_LIMIT_GLOBAL: "100000/1m",
  VERIFY_CODE_LIMIT_PERSON: "1000/1d",
  VERIFY_CODE_LIMIT_IP: "1000/1d",
});

let ip = 0;
const nextIp = () => `198.51.100.${++ip}`;

async function letterPerson() {
  const b = await seedBooking(t.db, [{ givenName: "Kwame", familyName: "Mensah", dob: "1972-09-14", email: null }]);
  const code = await issueNoticeCode(t.db, b.passengers[0]!.personId);
  return { b, code, personId: b.passengers[0]!.personId };
}

const typed = (ref: string, over: Partial<Record<string, string>> = {}) =>
  verifyLetterSchema.parse({
    bookingRef: ref,
    lastName: "Mensah",
    dobDay: "14",
    dobMonth: "9",
    dobYear: "1972",
    noticeCode: "",
    ...over,
  });

describe("verifyWithLetter", () => {
  it("opens the person's view with the right details and code, typed loosely, and audits it", async () => {
    const { b, code, personId } = await letterPerson();
    const loose = code.toLowerCase().replace(/-/g, " ");
    const out = await verifyWithLetter(t.db, typed(b.ref.toLowerCase(), { noticeCode: loose, lastName: "mensah" }), {
      ip: nextIp(),
      policy: roomy,
    });
    expect(out).toEqual({ kind: "verified", personId, bookingId: b.bookingId, incidentId: b.incidentId });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.personId, personId));
    expect(events.map((e) => e.action)).toContain("verification.verified_letter");
  });

  it("gives the same answer for every wrong input: code, name, date, reference, no letter, revoked", async () => {
    const { b, code, personId } = await letterPerson();
    const noLetter = await seedBooking(t.db, [{ givenName: "Ama", familyName: "Owusu", dob: "1980-01-01" }]);
    const wrongCode = code.slice(0, -1) + (code.endsWith("0") ? "1" : "0");
    const cases = [
      typed(b.ref, { noticeCode: wrongCode }),
      typed(b.ref, { noticeCode: "UUUU-UUUU-UUUU" }), // cannot be a code (U is not in the alphabet)
      typed(b.ref, { noticeCode: code, lastName: "Mensa" }),
      typed(b.ref, { noticeCode: code, dobDay: "15" }),
      typed("ZZZZZZ", { noticeCode: code }),
      typed(noLetter.ref, { noticeCode: code, lastName: "Owusu", dobDay: "1", dobMonth: "1", dobYear: "1980" }),
    ];
    const outcomes: LetterOutcome[] = [];
    for (const c of cases) outcomes.push(await verifyWithLetter(t.db, c, { ip: nextIp(), policy: roomy }));
    await t.db.update(noticeCodes).set({ revokedAt: sql`now()` }).where(eq(noticeCodes.personId, personId));
    outcomes.push(await verifyWithLetter(t.db, typed(b.ref, { noticeCode: code }), { ip: nextIp(), policy: roomy }));
    expect(new Set(outcomes.map((o) => JSON.stringify(o)))).toEqual(new Set([JSON.stringify({ kind: "refused" })]));
  });

  it("counts in step one's buckets: past the reference's limit even the right code is limited", async () => {
    const { b, code } = await letterPerson();
    const tight = parseLimitPolicy({ VERIFY_LIMIT_REF: "2/15m", VERIFY_CODE_LIMIT_PERSON: "1000/1d" });
    const client = nextIp();
    const input = typed(b.ref, { noticeCode: code, lastName: "Wrong" });
    expect((await verifyWithLetter(t.db, input, { ip: client, policy: tight })).kind).toBe("refused");
    expect((await verifyWithLetter(t.db, input, { ip: client, policy: tight })).kind).toBe("refused");
    const third = await verifyWithLetter(t.db, typed(b.ref, { noticeCode: code }), { ip: client, policy: tight });
    expect(third.kind).toBe("limited");
  });

  it("counts failed codes against the person: past their budget the right code is refused, the same way", async () => {
    const { b, code } = await letterPerson();
    const policy = parseLimitPolicy({
      VERIFY_LIMIT_REF: "1000/1m",
      VERIFY_LIMIT_REF_TOTAL: "1000/1m",
      VERIFY_LIMIT_IP: "1000/1m",
      VERIFY_CODE_LIMIT_PERSON: "3/1d",
      VERIFY_CODE_LIMIT_IP: "1000/1d",
    });
    const wrong = typed(b.ref, { noticeCode: "0000-0000-0000" });
    for (let i = 0; i < 3; i++)
      expect((await verifyWithLetter(t.db, wrong, { ip: nextIp(), policy })).kind).toBe("refused");
    const right = await verifyWithLetter(t.db, typed(b.ref, { noticeCode: code }), { ip: nextIp(), policy });
    expect(right).toEqual({ kind: "refused" });
  });

  it("a right code does not use up the person's failed-code budget", async () => {
    const { b, code } = await letterPerson();
    const policy = parseLimitPolicy({
      VERIFY_LIMIT_REF: "1000/1m",
      VERIFY_LIMIT_REF_TOTAL: "1000/1m",
      VERIFY_LIMIT_IP: "1000/1m",
      VERIFY_CODE_LIMIT_PERSON: "2/1d",
      VERIFY_CODE_LIMIT_IP: "1000/1d",
    });
    for (let i = 0; i < 4; i++) {
      const out = await verifyWithLetter(t.db, typed(b.ref, { noticeCode: code }), { ip: nextIp(), policy });
      expect(out.kind).toBe("verified");
    }
  });
});

describe("verifyLetterSchema", () => {
  it("checks only the shape, with the same keys as step one and its own for the code", () => {
    const r = verifyLetterSchema.safeParse({ bookingRef: "", lastName: "", noticeCode: "12" });
    expect(r.success).toBe(false);
    const keys = r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        "bookingRef:bookingRefRequired",
        "lastName:lastNameRequired",
        "noticeCode:noticeCodeInvalid",
      ]),
    );
  });
});
