import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { findLiveNoticeCodeHash } from "@/db/queries/notice-factors";
import { upsertNoticeCodes } from "@/db/queries/notices-content";
import { countAttempt, refundAttempt } from "@/db/queries/rate-limit";
import { findPassengerCandidates } from "@/db/queries/verification-resolve";
import { passengerLookupIndex } from "@/lib/crypto/blind-index";
import { openPersonal } from "@/lib/crypto/personal-details";
import type { VerifyLetter } from "@/lib/forms/verify-letter";
import { newNoticeCode, noticeCodeHash } from "@/lib/notices/notice-code";
import { codeAttemptBuckets, type VerificationLimitPolicy, verificationBuckets } from "@/lib/rate-limit";
import { countMetric, logAlert } from "./metrics";

// "I have a letter": booking reference, last name, date of birth and the notice code printed on the letter open
// the person's view without an email. The code is the second factor the emailed code is for everyone else, so it
// runs under both sets of limits: the attempt counts in step one's buckets (client, reference from the client,
// reference overall, the soft global one), then in step two's failed-code budgets (client, person, the alert).
// Every refusal is the same `refused` after the same work: the candidates' dates of birth are all decrypted, a
// code hash is computed and one notice-code row is read (for person 0 when nobody matched), so neither the answer
// nor its timing says whether the person exists, has a letter, or which field was wrong.

export type LetterOutcome =
  | { kind: "verified"; personId: number; bookingId: number; incidentId: string }
  | { kind: "refused" }
  | { kind: "limited"; retryAfterSeconds: number };

/** Compared against when nobody matched or the typed code cannot be one, so every path compares once. */
const NO_HASH = Buffer.alloc(32);
const asBytes = (hex: string | null) => (hex && /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, "hex") : NO_HASH);

export async function verifyWithLetter(
  db: Database,
  input: VerifyLetter,
  ctx: { ip: string; policy?: VerificationLimitPolicy; requestId?: string },
): Promise<LetterOutcome> {
  const stepOne = await countAttempt(db, verificationBuckets({ bookingRef: input.bookingRef, ip: ctx.ip }, ctx.policy));
  if (!stepOne.allowed) {
    countMetric("portal_verify_step_one_limited_total");
    return { kind: "limited", retryAfterSeconds: stepOne.retryAfterSeconds };
  }

  const candidates = await findPassengerCandidates(db, [passengerLookupIndex(input.bookingRef, input.lastName)]);
  // Every candidate is decrypted whoever matches; twins on one booking cannot be told apart: nobody matches.
  const matches = candidates.filter(
    (c) => openPersonal(c.personalEnc, c.incidentId, c.externalId).dateOfBirth === input.dateOfBirth,
  );
  const match = matches.length === 1 ? matches[0]! : null;

  // The failed-code budgets, as at step two: a person's own budget only when someone matched.
  const buckets = codeAttemptBuckets({ personId: match?.personId ?? null, ip: ctx.ip }, ctx.policy);
  const budget = await countAttempt(db, buckets);
  if (budget.firstOver) {
    countMetric("portal_verify_code_alerts_total");
    logAlert("verify.code.spread-out-failures", "failed codes across everyone passed VERIFY_CODE_ALERT");
  }

  const stored = await findLiveNoticeCodeHash(db, match?.personId ?? 0);
  const typed = noticeCodeHash(input.noticeCode);
  const same = timingSafeEqual(asBytes(typed), asBytes(stored)) && typed !== null && stored !== null;
  if (!budget.allowed || !match || !same) {
    if (!budget.allowed) countMetric("portal_verify_code_capped_total");
    countMetric("portal_verify_code_failed_total");
    return { kind: "refused" };
  }

  // A right code is not a failure: it comes back out of the budgets.
  await refundAttempt(db, [...buckets.first, ...buckets.after]);
  await recordAudit(
    db,
    { type: "traveller", personId: match.personId },
    "verification.verified_letter",
    { personId: match.personId, bookingId: match.bookingId },
    { requestId: ctx.requestId },
  );
  return { kind: "verified", personId: match.personId, bookingId: match.bookingId, incidentId: match.incidentId };
}

/**
 * Gives a person a new notice code and returns it, as printing their letter does (lib/notices/letters/** issues
 * the real ones). For the development demo and the tests.
 */
export async function issueNoticeCode(db: Database, personId: number): Promise<string> {
  const code = newNoticeCode();
  await upsertNoticeCodes(db, [{ personId, codeHash: noticeCodeHash(code)! }]);
  return code;
}
