import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { type Attempt, type AttemptDecision, countAttempts } from "@/db/queries/rate-limit";
import { coalesce, coalescePer } from "@/lib/coalesce";
import type { VerifyDetails } from "@/lib/forms/verify-details";
import type { Locale } from "@/lib/i18n/locales";
import { type VerificationLimitPolicy, verificationBuckets } from "@/lib/rate-limit";
import { CODE_TTL_SECONDS } from "./code";
import { countMetric } from "./metrics";
import { sealChallengeRequest } from "./resolve-challenge";

// Step one, without the HTTP parts: count the attempt and record a challenge for it, in one statement shared with
// the other step-one requests this instance is serving at that moment (lib/coalesce.ts: one round trip for all of
// them; this is the launch-day hot path). Neither looks at whether the details match anything, so the outcome is
// the same for a real traveller and a made-up one; matching happens later (resolve-batch.ts), after the response
// has gone.

export const CHALLENGE_COOKIE = "portal.verify";

export type StartOutcome = { kind: "started"; challengeId: string } | { kind: "limited"; retryAfterSeconds: number };

/** Concurrent attempts on one database go out together, each with the outcome it would have had alone. */
const attemptsOn = coalescePer((db: Database) =>
  coalesce<Attempt, AttemptDecision>((batch) => countAttempts(db, batch), { maxBatch: 100 }),
);

export async function startChallenge(
  db: Database,
  details: VerifyDetails,
  ctx: { ip: string; locale: Locale; policy?: VerificationLimitPolicy },
): Promise<StartOutcome> {
  const challengeId = randomUUID();
  const decision = await attemptsOn(db)({
    ...verificationBuckets({ bookingRef: details.bookingRef, ip: ctx.ip }, ctx.policy),
    challenge: {
      id: challengeId,
      requestEnc: sealChallengeRequest(challengeId, details),
      language: ctx.locale,
      ttlSeconds: CODE_TTL_SECONDS,
    },
  });
  if (decision.busy) countMetric("portal_verify_step_one_busy_total");
  if (!decision.allowed) {
    countMetric("portal_verify_step_one_limited_total");
    return { kind: "limited", retryAfterSeconds: decision.retryAfterSeconds };
  }
  return { kind: "started", challengeId };
}

/** The challenge cookie: HttpOnly, only sent to /verify pages, gone when the code would have expired anyway. */
export const challengeCookieOptions = (production: boolean) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: production,
  path: "/verify",
  maxAge: CODE_TTL_SECONDS + 60,
});
