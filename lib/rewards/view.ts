import "server-only";
import type { Database } from "@/db/client";
import { findRewardsMember } from "@/db/queries/notice-factors";
import { currentTravellerEpoch } from "@/db/queries/session";
import { type CategoryCode, isCategoryCode } from "@/lib/catalogue/categories";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { openPersonal } from "@/lib/crypto/personal-details";

// What a rewards member sees once their link is confirmed: their member ID masked to its last four characters,
// that the ID and the points balance were involved, that the points are not at risk and how to watch them, and
// (for a member on no booking, who has no /my) their own categories.
//
// A member on no booking cannot hold a traveller session: that session names a person *on a booking*, and every
// /my page and action is built on the booking (companions, the booker's rights, monitoring enrolment). Rather than
// loosen that for everyone, they get this one read-only view, under a session of its own: a sealed cookie
// (AES-256-GCM, its own associated data) naming the person, the incident and the person's session epoch, HttpOnly,
// Path=/rewards, 15 minutes and no sliding. Every view re-checks the epoch, so signing out anywhere ends it too.

export type RewardsGuidanceDto = {
  givenName: string;
  /** The last four characters of the member ID, or null when the record has none. */
  memberIdLast4: string | null;
  categories: CategoryCode[];
  supportPhone: string;
};

export async function getRewardsGuidance(
  db: Database,
  who: { personId: number; incidentId: string },
): Promise<RewardsGuidanceDto | null> {
  const row = await findRewardsMember(db, who.personId, who.incidentId);
  if (!row) return null;
  const rewardsId = openPersonal(row.personalEnc, who.incidentId, row.externalId).rewardsId;
  return {
    givenName: row.givenName,
    memberIdLast4: rewardsId && rewardsId.length >= 4 ? rewardsId.slice(-4).toUpperCase() : null,
    categories: row.categories.filter(isCategoryCode),
    supportPhone: row.supportPhone,
  };
}

export const REWARDS_VIEW_COOKIE = "portal.rewards";
export const REWARDS_VIEW_SECONDS = 15 * 60;
const AAD = aadFor("cookie", "rewards-view", "member");

export const rewardsViewCookieOptions = (production: boolean) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: production,
  path: "/rewards",
  maxAge: REWARDS_VIEW_SECONDS,
});

type ViewClaims = { personId: number; incidentId: string; epoch: number; exp: number };

/** The cookie's value for a member who has just confirmed their link. */
export async function sealRewardsView(
  db: Database,
  who: { personId: number; incidentId: string },
  now = Date.now(),
): Promise<string> {
  const claims: ViewClaims = {
    personId: who.personId,
    incidentId: who.incidentId,
    epoch: await currentTravellerEpoch(db, who.personId),
    exp: now + REWARDS_VIEW_SECONDS * 1000,
  };
  return encryptField(JSON.stringify(claims), AAD);
}

/** The member's view for the cookie, or null (none, tampered, expired, signed out since). */
export async function rewardsViewFor(
  db: Database,
  cookie: string | undefined,
  now = Date.now(),
): Promise<RewardsGuidanceDto | null> {
  if (!cookie || cookie.length > 2000) return null;
  let c: ViewClaims;
  try {
    c = JSON.parse(decryptField(cookie, AAD)) as ViewClaims;
  } catch {
    return null;
  }
  if (typeof c.personId !== "number" || typeof c.incidentId !== "string" || typeof c.epoch !== "number") return null;
  if (!(c.exp > now)) return null;
  if ((await currentTravellerEpoch(db, c.personId)) !== c.epoch) return null;
  return getRewardsGuidance(db, c);
}
