import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rewardsLinks } from "@/db/schema";
import { rewardsTokenHash } from "@/lib/notices/rewards-token";
import { issueRewardsLink } from "@/lib/rewards/link";
import { issueNoticeCode } from "@/lib/verification/letter";
import { randomBookingRef, seedBooking, seedPersonOnly } from "@/tests/helpers/fixtures";
import type { FixtureTraveller, NoticeFactors, RewardsLinkFixture } from "../e2e/fixtures/pool";

// The notice factors the e2e specs use, made with the same services the portal checks them with: a notice code
// for every no-email fixture traveller (their letter), and rewards links for members on a booking and on none,
// plus one used, one expired and one revoked link for the "one calm page" check. Plaintext codes and tokens go
// only to the run's state file, as a printed letter or a sent email would carry them.

async function member(db: Database, incidentId: string, onBooking: boolean, i: number): Promise<RewardsLinkFixture> {
  const lastName = onBooking ? "Tremblay" : "Silva";
  const rewardsId = `E2E-${randomBytes(4).toString("hex").toUpperCase()}${String(i).padStart(4, "0")}`;
  const person = {
    givenName: onBooking ? "Chloé" : "Ana",
    familyName: lastName,
    dob: "1977-04-21",
    email: null,
    rewardsId,
    exposures: [{ category: "rewards_account" as const }, { category: "contact_info" as const }],
  };
  const personId = onBooking
    ? (await seedBooking(db, [person], { ref: randomBookingRef(), incidentId })).passengers[0]!.personId
    : (await seedPersonOnly(db, person, { incidentId })).personId;
  return { token: await issueRewardsLink(db, personId), lastName, onBooking, last4: rewardsId.slice(-4) };
}

export async function seedNoticeFactors(
  db: Database,
  incidentId: string,
  travellers: Record<string, FixtureTraveller[]>,
  perKind: number,
): Promise<NoticeFactors> {
  const letterCodes: Record<string, string> = {};
  for (const t of travellers.noEmail ?? []) letterCodes[t.ref] = await issueNoticeCode(db, t.personId);
  const links: RewardsLinkFixture[] = [];
  for (let i = 0; i < perKind; i++) {
    links.push(await member(db, incidentId, true, links.length));
    links.push(await member(db, incidentId, false, links.length));
  }
  const [used, expired, revoked] = [
    await member(db, incidentId, true, 900),
    await member(db, incidentId, true, 901),
    await member(db, incidentId, true, 902),
  ];
  const set = async (token: string, what: "used_at" | "revoked_at" | "expires_at") =>
    db
      .update(rewardsLinks)
      .set(
        what === "used_at"
          ? { usedAt: sql`now()` }
          : what === "revoked_at"
            ? { revokedAt: sql`now()` }
            : { expiresAt: sql`now() - interval '1 day'` },
      )
      .where(sql`${rewardsLinks.tokenHash} = ${rewardsTokenHash(token)}`);
  await set(used!.token, "used_at");
  await set(expired!.token, "expires_at");
  await set(revoked!.token, "revoked_at");
  return {
    letterCodes,
    rewardsLinks: links,
    deadLinks: { used: used!.token, expired: expired!.token, revoked: revoked!.token },
  };
}
