import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox, verificationChallenges } from "@/db/schema";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { parseLimitPolicy } from "@/lib/rate-limit";
import { resolveChallenge, sweepPendingChallenges } from "@/lib/verification/resolve-challenge";
import { startChallenge } from "@/lib/verification/start-challenge";
import { seedBooking, seedIncident } from "./helpers/fixtures";
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

async function start(details: { bookingRef: string; lastName: string; dateOfBirth: string }) {
  const outcome = await startChallenge(t.db, details, { ip: "203.0.113.20", locale: "en", policy: roomy });
  if (outcome.kind !== "started") throw new Error("unexpectedly limited");
  return outcome.challengeId;
}

async function challenge(id: string) {
  const [row] = await t.db.select().from(verificationChallenges).where(eq(verificationChallenges.id, id));
  return row!;
}

async function mailTo(address: string) {
  const rows = await t.db.select().from(mailOutbox);
  return rows
    .map((r) => ({
      ...r,
      to: decryptField(r.toEnc, aadFor("mail_outbox", "to", r.id)),
      text: decryptField(r.bodyEnc, aadFor("mail_outbox", "body", r.id)),
    }))
    .filter((r) => r.to === address);
}

describe("resolving a verification challenge", () => {
  it("sends a 10-digit code to the email on file when exactly one traveller matches", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Olivia", familyName: "Martin", dob: "1984-03-17", email: "olivia@example.org" },
    ]);
    const id = await start({ bookingRef: b.ref, lastName: "Martin", dateOfBirth: "1984-03-17" });
    const pending = await challenge(id);
    expect(pending.status).toBe("pending");
    expect(pending.requestEnc).not.toContain("Martin");

    expect(await resolveChallenge(t.db, id)).toBe("sent");
    const row = await challenge(id);
    expect(row.status).toBe("sent");
    expect(row.personId).toBe(b.passengers[0]!.personId);
    expect(row.bookingId).toBe(b.bookingId);
    expect(row.requestEnc).toBeNull();
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);

    const [mail] = await mailTo("olivia@example.org");
    expect(mail).toBeDefined();
    expect(mail!.kind).toBe("verification_code");
    expect(mail!.status).toBe("queued");
    const code = /\b(\d{10})\b/.exec(mail!.text)?.[1];
    expect(code).toMatch(/^\d{10}$/);
    // Neither the subject (stored in clear) nor any challenge column holds the code.
    expect(mail!.subject).not.toMatch(/\d{10}/);
    expect(JSON.stringify(row)).not.toContain(code!);
  });

  it("is idempotent: a resolved challenge is never resolved (or mailed) again", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Ana", familyName: "Silva", dob: "1970-01-02", email: "ana@example.org" },
    ]);
    const id = await start({ bookingRef: b.ref, lastName: "Silva", dateOfBirth: "1970-01-02" });
    const results = await Promise.all([
      resolveChallenge(t.db, id),
      resolveChallenge(t.db, id),
      resolveChallenge(t.db, id),
    ]);
    expect(results.filter((r) => r === "sent")).toHaveLength(1);
    expect(await resolveChallenge(t.db, id)).toBeNull();
    expect(await mailTo("ana@example.org")).toHaveLength(1);
  });

  it("matches an accented last name typed without accents, in any case and spacing", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Éloïse", familyName: "Côté", dob: "1958-11-18", email: "eloise@example.org", language: "fr" },
    ]);
    const id = await start({ bookingRef: ` ${b.ref.toLowerCase()} `, lastName: "cote", dateOfBirth: "1958-11-18" });
    expect(await resolveChallenge(t.db, id)).toBe("sent");
    const [mail] = await mailTo("eloise@example.org");
    // French first for a French-speaking traveller.
    expect(mail!.text.startsWith("——— Français ———\n\nBonjour Éloïse")).toBe(true);
  });

  it("matches apostrophes and particles loosely too", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Siobhan", familyName: "O'Brien", dob: "1990-02-28", email: "s@example.org" },
      { givenName: "Jean-Luc", familyName: "de la Fontaine", dob: "1966-07-09", email: "jl@example.org" },
    ]);
    expect(
      await resolveChallenge(t.db, await start({ bookingRef: b.ref, lastName: "OBRIEN", dateOfBirth: "1990-02-28" })),
    ).toBe("sent");
    expect(
      await resolveChallenge(
        t.db,
        await start({ bookingRef: b.ref, lastName: "Delafontaine", dateOfBirth: "1966-07-09" }),
      ),
    ).toBe("sent");
  });

  it("sends nothing when nothing matches", async () => {
    const id = await start({ bookingRef: "ZZZ222", lastName: "Nobody", dateOfBirth: "1980-01-01" });
    expect(await resolveChallenge(t.db, id)).toBe("unmatched");
    const row = await challenge(id);
    expect(row.status).toBe("unmatched");
    expect(row.personId).toBeNull();
    expect(row.codeHash).toBeNull();
    expect(row.requestEnc).toBeNull();
  });

  it("sends nothing when the date of birth differs", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Kai", familyName: "Berg", dob: "1985-05-05", email: "kai@example.org" },
    ]);
    const id = await start({ bookingRef: b.ref, lastName: "Berg", dateOfBirth: "1985-05-06" });
    expect(await resolveChallenge(t.db, id)).toBe("unmatched");
    expect(await mailTo("kai@example.org")).toHaveLength(0);
  });

  it("sends nothing, and records why, for a traveller with no email on file (a minor)", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Harpreet", familyName: "Singh", dob: "1979-11-02", email: "h@example.org" },
      { givenName: "Arjun", familyName: "Singh", dob: "2016-01-15", email: null },
    ]);
    const id = await start({ bookingRef: b.ref, lastName: "Singh", dateOfBirth: "2016-01-15" });
    expect(await resolveChallenge(t.db, id)).toBe("no_email");
    const row = await challenge(id);
    expect(row.personId).toBe(b.passengers[1]!.personId);
    expect(row.codeHash).toBeNull();
    expect(await mailTo("h@example.org")).toHaveLength(0);
  });

  it("sends nothing when two people on the booking cannot be told apart", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Mia", familyName: "Twin", dob: "2001-04-04", email: "mia@example.org" },
      { givenName: "Max", familyName: "Twin", dob: "2001-04-04", email: "max@example.org" },
    ]);
    expect(
      await resolveChallenge(t.db, await start({ bookingRef: b.ref, lastName: "Twin", dateOfBirth: "2001-04-04" })),
    ).toBe("unmatched");
  });

  it("does not send a code that would arrive already expired", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Late", familyName: "Comer", dob: "1977-07-07", email: "late@example.org" },
    ]);
    const id = await start({ bookingRef: b.ref, lastName: "Comer", dateOfBirth: "1977-07-07" });
    await t.db
      .update(verificationChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(verificationChallenges.id, id));
    expect(await resolveChallenge(t.db, id)).toBe("failed");
    expect(await mailTo("late@example.org")).toHaveLength(0);
  });

  it("the sweeper finishes challenges left pending", async () => {
    const b = await seedBooking(t.db, [
      { givenName: "Left", familyName: "Behind", dob: "1960-06-06", email: "left@example.org" },
    ]);
    const id = await start({ bookingRef: b.ref, lastName: "Behind", dateOfBirth: "1960-06-06" });
    expect(await sweepPendingChallenges(t.db, { minAgeSeconds: 0 })).toBeGreaterThanOrEqual(1);
    expect((await challenge(id)).status).toBe("sent");
    expect(await sweepPendingChallenges(t.db, { minAgeSeconds: 0 })).toBe(0);
  });
});
