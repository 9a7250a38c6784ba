import "server-only";
import type { Database } from "@/db/client";
import {
  countCodeAttempt,
  incidentOfPassenger,
  markChallengeVerified,
  recordVerificationEvent,
} from "@/db/queries/verification";
import { codeMatches, MAX_CODE_ATTEMPTS } from "./code";

export type RedeemedChallenge = { personId: number; bookingId: number; incidentId: string };

/**
 * Step two: trades a challenge id and a code for the person it was sent to, at most once.
 *
 * In one transaction: count the attempt (which locks the row), check it, mark it used. Two requests racing with
 * the right code queue on the row lock and the second sees it already used. Every refusal (unknown id, no match,
 * no email, expired, used, too many tries, wrong code) returns the same null, after the same hash comparison.
 */
export async function redeemVerificationCode(
  db: Database,
  input: { challengeId: string; code: string },
): Promise<RedeemedChallenge | null> {
  return db.transaction(async (tx) => {
    const attempt = await countCodeAttempt(tx, input.challengeId);
    const matches = codeMatches(attempt?.codeHash ?? null, input.challengeId, input.code);
    if (
      !attempt ||
      !matches ||
      attempt.status !== "sent" ||
      !attempt.live ||
      attempt.consumed ||
      attempt.attempts > MAX_CODE_ATTEMPTS ||
      attempt.personId === null ||
      attempt.bookingId === null
    ) {
      return null;
    }
    // The record may have been withdrawn or re-imported since the code was sent.
    const incidentId = await incidentOfPassenger(tx, attempt.personId, attempt.bookingId);
    if (!incidentId) return null;
    await markChallengeVerified(tx, input.challengeId);
    await recordVerificationEvent(tx, {
      action: "verification.verified",
      challengeId: input.challengeId,
      personId: attempt.personId,
      bookingId: attempt.bookingId,
    });
    return { personId: attempt.personId, bookingId: attempt.bookingId, incidentId };
  });
}

/** Whether a challenge has run out of tries (the same for matched and unmatched challenges). */
export const isOutOfTries = (attempts: number | null) => attempts === null || attempts >= MAX_CODE_ATTEMPTS;
