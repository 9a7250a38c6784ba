import "server-only";
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { countAttempt, refundAttempt } from "@/db/queries/rate-limit";
import {
  countCodeAttempt,
  getChallengeAttempts,
  incidentOfPassenger,
  markChallengeVerified,
  personOfChallenge,
} from "@/db/queries/verification";
import { codeAttemptBuckets, type VerificationLimitPolicy } from "@/lib/rate-limit";
import { codeMatches, MAX_CODE_ATTEMPTS } from "./code";
import { countMetric, logAlert } from "./metrics";

export type RedeemedChallenge = { personId: number; bookingId: number; incidentId: string };

/**
 * Step two: trades a challenge id and a code for the person it was sent to, at most once.
 *
 * First the attempt is counted against the client's and the person's budgets of failed codes (across all their
 * challenges: VERIFY_CODE_LIMIT_IP, VERIFY_CODE_LIMIT_PERSON) and the global count that raises the alert; a
 * right code is taken back out afterwards. Then, in one transaction: count the attempt on the challenge (which
 * locks the row), check it, mark it used. Two requests racing with the right code queue on the row lock and the
 * second sees it already used. Every refusal (unknown id, no match, no email, expired, used, superseded, too
 * many tries on the challenge, too many failed codes for the person or the client, wrong code) returns the same
 * null, after the same hash comparison and the same count on the challenge, so the answer never tells them apart.
 */
export async function redeemVerificationCode(
  db: Database,
  input: { challengeId: string; code: string },
  ctx: { ip: string; policy?: VerificationLimitPolicy },
): Promise<RedeemedChallenge | null> {
  const buckets = codeAttemptBuckets(
    { personId: await personOfChallenge(db, input.challengeId), ip: ctx.ip },
    ctx.policy,
  );
  const budget = await countAttempt(db, buckets);
  if (budget.firstOver) {
    // Many failed codes across everyone in one window: a spread-out guess (many people, a few codes each) that
    // no per-person or per-client limit sees. Counts only, never who.
    countMetric("portal_verify_code_alerts_total");
    logAlert("verify.code.spread-out-failures", "failed codes across everyone passed VERIFY_CODE_ALERT");
  }
  if (!budget.allowed) countMetric("portal_verify_code_capped_total");
  const result = await db.transaction(async (tx) => {
    const attempt = await countCodeAttempt(tx, input.challengeId);
    const matches = codeMatches(attempt?.codeHash ?? null, input.challengeId, input.code);
    if (
      !budget.allowed ||
      !attempt ||
      !matches ||
      attempt.status !== "sent" ||
      !attempt.live ||
      attempt.consumed ||
      attempt.superseded ||
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
    // The code proved who they are: the person is the actor; the challenge is what the event is about.
    await recordAudit(tx, { type: "traveller", personId: attempt.personId }, "verification.verified", {
      personId: attempt.personId,
      bookingId: attempt.bookingId,
      ref: input.challengeId,
    });
    return { personId: attempt.personId, bookingId: attempt.bookingId, incidentId };
  });
  if (result) await refundAttempt(db, [...buckets.first, ...buckets.after]);
  else countMetric("portal_verify_code_failed_total");
  return result;
}

/**
 * Whether a challenge has run out of tries, for the step-two message (the same for matched and unmatched
 * challenges; an unknown id has none left).
 */
export async function isChallengeOutOfTries(db: Database, challengeId: string): Promise<boolean> {
  const attempts = await getChallengeAttempts(db, challengeId);
  return attempts === null || attempts >= MAX_CODE_ATTEMPTS;
}
