import "server-only";
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import {
  consumeRewardsLink,
  findLiveRewardsLink,
  firstBookingOf,
  insertRewardsLink,
} from "@/db/queries/notice-factors";
import { countAttempt } from "@/db/queries/rate-limit";
import { normaliseLastName } from "@/lib/normalise";
import { rewardsLinkToken, rewardsTokenHash } from "@/lib/notices/rewards-token";
import { rewardsLinkBuckets, type VerificationLimitPolicy } from "@/lib/rate-limit";

// A rewards member's deep link (/rewards/[token]). Opening it never consumes or changes anything (mail scanners
// fetch links ahead of the reader, with GET and HEAD, any number of times): `rewardsLinkState` only reads. Only
// confirming the last name (the page's POST, a server action) uses it up, once: `redeemRewardsLink` compares the
// name, then takes the link in one conditional UPDATE, so of two POSTs racing with the right name exactly one
// wins. A wrong name leaves the link as it was, within a small budget per link (REWARDS_LINK_LIMIT). A used,
// expired, revoked, unknown or malformed token is one and the same "gone".

/** 90 days, from the notice that carries it. */
export const REWARDS_LINK_DAYS = 90;

/** What rewardsLinkToken makes: 43 base64url characters (256 bits). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type RewardsLinkState = "open" | "gone";

/** Whether the link can still be used. Reads only. */
export async function rewardsLinkState(db: Database, token: string): Promise<RewardsLinkState> {
  if (!TOKEN_SHAPE.test(token)) return "gone";
  return (await findLiveRewardsLink(db, rewardsTokenHash(token))) ? "open" : "gone";
}

export type RewardsRedeemOutcome =
  /** The link is used; bookingId null for a member on no booking. */
  | { kind: "opened"; personId: number; bookingId: number | null; incidentId: string }
  | { kind: "wrong_name" }
  | { kind: "limited"; retryAfterSeconds: number }
  | { kind: "gone" };

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

export async function redeemRewardsLink(
  db: Database,
  input: { token: string; lastName: string },
  ctx: { ip: string; policy?: VerificationLimitPolicy; requestId?: string },
): Promise<RewardsRedeemOutcome> {
  if (!TOKEN_SHAPE.test(input.token)) return { kind: "gone" };
  const tokenHash = rewardsTokenHash(input.token);
  const link = await findLiveRewardsLink(db, tokenHash);
  if (!link) return { kind: "gone" };
  const budget = await countAttempt(db, rewardsLinkBuckets({ tokenHash, ip: ctx.ip }, ctx.policy));
  if (!budget.allowed) return { kind: "limited", retryAfterSeconds: budget.retryAfterSeconds };
  // Normalised as everywhere a last name is matched (case, accents, spaces, hyphens, apostrophes).
  const same = timingSafeEqual(digest(normaliseLastName(input.lastName)), digest(normaliseLastName(link.familyName)));
  // Not audited against the person: whoever typed it has proved nothing yet (the budget above counts it).
  if (!same) return { kind: "wrong_name" };
  return db.transaction(async (tx) => {
    const used = await consumeRewardsLink(tx, link.linkId);
    if (!used) return { kind: "gone" } as const;
    const bookingId = await firstBookingOf(tx, used.personId);
    await recordAudit(
      tx,
      { type: "traveller", personId: used.personId },
      "rewards_link.used",
      { personId: used.personId, ref: link.linkId, ...(bookingId ? { bookingId } : {}) },
      { requestId: ctx.requestId },
    );
    return { kind: "opened", personId: used.personId, bookingId, incidentId: link.incidentId } as const;
  });
}

/**
 * A new link for a person, returning its token (derived from the row id, never stored). For the development demo
 * and the tests; the notice sender issues the real ones with their notice.
 */
export async function issueRewardsLink(
  db: Database,
  personId: number,
  opts: { noticeId?: number; now?: Date; days?: number } = {},
): Promise<string> {
  const id = randomUUID();
  const token = rewardsLinkToken(id);
  const expiresAt = new Date((opts.now ?? new Date()).getTime() + (opts.days ?? REWARDS_LINK_DAYS) * 86_400_000);
  await insertRewardsLink(db, {
    id,
    personId,
    tokenHash: rewardsTokenHash(token),
    expiresAt,
    noticeId: opts.noticeId ?? null,
  });
  return token;
}
