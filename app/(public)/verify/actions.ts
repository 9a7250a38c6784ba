"use server";
import { cookies, headers } from "next/headers";
import { getCurrentIncident } from "@/db/queries/incident";
import { anyone, defineAction } from "@/lib/actions/action";
import { env } from "@/lib/env";
import { verifyDetailsSchema } from "@/lib/forms/verify-details";
import { format } from "@/lib/i18n/locales";
import { verifyMessages } from "@/lib/i18n/messages/verify";
import { clientIpFrom } from "@/lib/rate-limit";
import { resolveAfterResponse } from "@/lib/verification/background";
import { CHALLENGE_COOKIE, challengeCookieOptions, startChallenge } from "@/lib/verification/start-challenge";

/**
 * Verification step one. Whatever was typed, a well-formed request gets the same answer: a challenge cookie and a
 * redirect to the code page. Whether anything matched is worked out after the response (resolveAfterResponse).
 */
export const submitVerificationDetails = defineAction({
  name: "verify.details",
  schema: verifyDetailsSchema,
  authenticate: anyone,
  handler: async ({ db, input, locale }) => {
    const outcome = await startChallenge(db, input, { ip: clientIpFrom(await headers()), locale });
    if (outcome.kind === "limited") {
      const t = verifyMessages[locale];
      const phone = (await getCurrentIncident(db))?.supportPhone;
      const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
      return { status: "limited", message: phone ? format(t.limited, { minutes, phone }) : format(t.limitedNoPhone, { minutes }) };
    }
    (await cookies()).set(CHALLENGE_COOKIE, outcome.challengeId, challengeCookieOptions(env().APP_ENV === "production"));
    resolveAfterResponse(outcome.challengeId, input);
    return { status: "ok", redirectTo: "/verify/code" };
  },
});
