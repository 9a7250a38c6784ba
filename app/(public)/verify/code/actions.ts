"use server";
import { cookies } from "next/headers";
import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import { anyone, defineAction } from "@/lib/actions/action";
import { env } from "@/lib/env";
import { verifyCodeSchema } from "@/lib/forms/verify-code";
import { verifyMessages } from "@/lib/i18n/messages/verify";
import { isChallengeOutOfTries } from "@/lib/verification/redeem-code";
import { CHALLENGE_COOKIE, challengeCookieOptions } from "@/lib/verification/start-challenge";
import { TYPED_DETAILS_COOKIE } from "@/lib/verification/typed-details";
import { VERIFY_FLASH_COOKIE } from "@/lib/verification/verify-flash";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CodeActionData = { startAgain?: boolean };

/**
 * Verification step two: the code from the email, redeemed through next-auth (auth.ts → redeem-code.ts), which sets
 * the session cookie. Only the code is passed: the provider takes the challenge from the request's HttpOnly
 * challenge cookie itself (read here too, only to say "start again" and to count tries for the message). Every refusal reads the same; "too many tries" depends only on the number of attempts, which
 * grows the same way for every challenge, matched or not.
 */
export const submitVerificationCode = defineAction<typeof verifyCodeSchema, Record<string, never>, CodeActionData>({
  name: "verify.code",
  schema: verifyCodeSchema,
  authenticate: anyone,
  handler: async ({ db, input, locale }) => {
    const t = verifyMessages[locale];
    const jar = await cookies();
    const challengeId = jar.get(CHALLENGE_COOKIE)?.value;
    if (!challengeId || !UUID.test(challengeId)) {
      return { status: "error", message: t.noChallenge, data: { startAgain: true } };
    }
    try {
      await signIn("traveller-code", { code: input.code, redirect: false });
    } catch (err) {
      // A refused code. Anything else (database down, misconfiguration) is rethrown: defineAction logs it and
      // answers "something went wrong", never "wrong code".
      if (err instanceof AuthError && err.type === "CredentialsSignin") {
        const outOfTries = await isChallengeOutOfTries(db, challengeId);
        const message = outOfTries ? t.tooManyTries : t.wrongCode;
        return {
          status: "invalid",
          message,
          fieldErrors: { code: [outOfTries ? "tooManyTries" : "wrongCode"] },
          data: { startAgain: outOfTries },
        };
      }
      throw err;
    }
    // The challenge has ended: so has what was typed for it.
    const gone = { ...challengeCookieOptions(env().APP_ENV === "production"), maxAge: 0 };
    jar.set(CHALLENGE_COOKIE, "", gone);
    jar.set(TYPED_DETAILS_COOKIE, "", gone);
    jar.set(VERIFY_FLASH_COOKIE, "", gone);
    return { status: "ok", redirectTo: "/my" };
  },
});
