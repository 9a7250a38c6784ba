import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, rewardsLinks } from "@/db/schema";
import { rewardsTokenHash } from "@/lib/notices/rewards-token";
import { parseLimitPolicy } from "@/lib/rate-limit";
import { issueRewardsLink, redeemRewardsLink, rewardsLinkState } from "@/lib/rewards/link";
import { getRewardsGuidance, rewardsViewFor, sealRewardsView } from "@/lib/rewards/view";
import { seedBooking, seedIncident, seedPersonOnly } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase, testDbKind } from "./helpers/test-db";

// The rewards members' deep link (lib/rewards/link.ts): opening it changes nothing, the right last name uses it
// once, a wrong one leaves it as it was within a budget per link, and a used, expired, revoked or tampered link is
// one and the same "gone".

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedIncident(t.db);
});
afterAll(async () => t?.destroy());

const roomy = parseLimitPolicy({ VERIFY_CODE_LIMIT_IP: "1000/1d", REWARDS_LINK_LIMIT: "1000/1d" });
let ip = 0;
const ctx = () => ({ ip: `192.0.2.${++ip}`, policy: roomy });

let member = 0;
async function bookedMember() {
  // Unique per person; the last four are always 3456.
  const rewardsId = `RW-${String(++member).padStart(4, "0")}3456`;
  const b = await seedBooking(t.db, [{ givenName: "Léa", familyName: "Côté-Gagnon", dob: "1990-01-01", rewardsId }]);
  const personId = b.passengers[0]!.personId;
  return { b, personId, token: await issueRewardsLink(t.db, personId) };
}

const linkRow = async (token: string) =>
  (
    await t.db
      .select()
      .from(rewardsLinks)
      .where(eq(rewardsLinks.tokenHash, rewardsTokenHash(token)))
  )[0]!;

describe("rewards link", () => {
  it("opening it any number of times changes nothing", async () => {
    const { token } = await bookedMember();
    const before = await linkRow(token);
    for (let i = 0; i < 5; i++) expect(await rewardsLinkState(t.db, token)).toBe("open");
    expect(await linkRow(token)).toEqual(before);
  });

  it("the right last name (normalised) uses it once and names the person and their booking", async () => {
    const { b, personId, token } = await bookedMember();
    const out = await redeemRewardsLink(t.db, { token, lastName: "  cote gagnon " }, ctx());
    expect(out).toEqual({ kind: "opened", personId, bookingId: b.bookingId, incidentId: b.incidentId });
    expect((await linkRow(token)).usedAt).not.toBeNull();
    expect(await rewardsLinkState(t.db, token)).toBe("gone");
    expect(await redeemRewardsLink(t.db, { token, lastName: "Côté-Gagnon" }, ctx())).toEqual({ kind: "gone" });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.personId, personId));
    expect(events.filter((e) => e.action === "rewards_link.used")).toHaveLength(1);
  });

  it("a wrong last name leaves the link usable, within a budget per link", async () => {
    const { token } = await bookedMember();
    const policy = parseLimitPolicy({ VERIFY_CODE_LIMIT_IP: "1000/1d", REWARDS_LINK_LIMIT: "3/1d" });
    for (let i = 0; i < 2; i++)
      expect(await redeemRewardsLink(t.db, { token, lastName: "Tremblay" }, { ip: `192.0.2.${++ip}`, policy })).toEqual(
        {
          kind: "wrong_name",
        },
      );
    expect((await linkRow(token)).usedAt).toBeNull();
    expect(await rewardsLinkState(t.db, token)).toBe("open");
    await redeemRewardsLink(t.db, { token, lastName: "Tremblay" }, { ip: `192.0.2.${++ip}`, policy });
    const limited = await redeemRewardsLink(
      t.db,
      { token, lastName: "Côté-Gagnon" },
      { ip: `192.0.2.${++ip}`, policy },
    );
    expect(limited.kind).toBe("limited");
    expect((await linkRow(token)).usedAt).toBeNull();
  });

  it("used, expired, revoked, unknown and tampered links are all the same 'gone'", async () => {
    const used = await bookedMember();
    await redeemRewardsLink(t.db, { token: used.token, lastName: "Cote-Gagnon" }, ctx());
    const expired = await bookedMember();
    await t.db
      .update(rewardsLinks)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(rewardsLinks.tokenHash, rewardsTokenHash(expired.token)));
    const revoked = await bookedMember();
    await t.db
      .update(rewardsLinks)
      .set({ revokedAt: sql`now()` })
      .where(eq(rewardsLinks.tokenHash, rewardsTokenHash(revoked.token)));
    const live = await bookedMember();
    const tampered = `${live.token.slice(0, -1)}${live.token.endsWith("A") ? "B" : "A"}`;
    for (const token of [used.token, expired.token, revoked.token, tampered, "nope", "A".repeat(43)]) {
      expect(await rewardsLinkState(t.db, token)).toBe("gone");
      expect(await redeemRewardsLink(t.db, { token, lastName: "Côté-Gagnon" }, ctx())).toEqual({ kind: "gone" });
    }
  });

  it("a member on no booking gets their own view: masked member ID and their categories", async () => {
    const m = await seedPersonOnly(t.db, {
      givenName: "Ana",
      familyName: "Silva",
      dob: "1975-05-05",
      rewardsId: "rw-99887766",
      exposures: [{ category: "rewards_account" }, { category: "contact_info" }],
    });
    const token = await issueRewardsLink(t.db, m.personId);
    const out = await redeemRewardsLink(t.db, { token, lastName: "SILVA" }, ctx());
    expect(out).toEqual({ kind: "opened", personId: m.personId, bookingId: null, incidentId: m.incidentId });
    const cookie = await sealRewardsView(t.db, { personId: m.personId, incidentId: m.incidentId });
    const view = await rewardsViewFor(t.db, cookie);
    expect(view).toMatchObject({ givenName: "Ana", memberIdLast4: "7766" });
    expect(view?.categories.sort()).toEqual(["contact_info", "rewards_account"]);
    expect(JSON.stringify(view)).not.toContain("99887766");
    // Expired or tampered cookies open nothing.
    expect(await rewardsViewFor(t.db, cookie, Date.now() + 16 * 60_000)).toBeNull();
    expect(await rewardsViewFor(t.db, `${cookie.slice(0, -2)}xx`)).toBeNull();
  });

  it("the guidance for a member on a booking masks the member ID", async () => {
    const { b, personId } = await bookedMember();
    const g = await getRewardsGuidance(t.db, { personId, incidentId: b.incidentId });
    expect(g?.memberIdLast4).toBe("3456");
  });
});

describe.runIf(testDbKind() === "postgres")("rewards link under real concurrency (PostgreSQL only)", () => {
  it("two POSTs racing with the right last name: exactly one opens the view", async () => {
    for (let round = 0; round < 5; round++) {
      const { token } = await bookedMember();
      const outs = await Promise.all(
        Array.from({ length: 2 }, () => redeemRewardsLink(t.db, { token, lastName: "Côté-Gagnon" }, ctx())),
      );
      expect(outs.filter((o) => o.kind === "opened")).toHaveLength(1);
      expect(outs.filter((o) => o.kind === "gone")).toHaveLength(1);
    }
  });
});
