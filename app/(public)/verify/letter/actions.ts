"use server";
import { headers } from "next/headers";
import { signIn } from "@/auth";
import { anyone, defineAction } from "@/lib/actions/action";
import { sealTravellerGrant } from "@/lib/auth/grant";
import { verifyLetterSchema } from "@/lib/forms/verify-letter";
import { letterMessages } from "@/lib/i18n/messages/letter-rewards";
import { clientIpFrom } from "@/lib/rate-limit";
import { verifyWithLetter } from "@/lib/verification/letter";
import { limitedMessage } from "@/lib/verification/step-one-http";

/**
 * "I have a letter" (lib/verification/letter.ts): the details and the notice code in one step, under step one's
 * and step two's limits. A match opens the ordinary traveller session through next-auth (a sealed grant handed
 * to the `traveller-grant` provider in this process); every refusal reads the same and names no field.
 */
export const verifyWithLetterAction = defineAction({
  name: "verify.letter",
  schema: verifyLetterSchema,
  authenticate: anyone,
  handler: async ({ db, input, locale, requestId }) => {
    const outcome = await verifyWithLetter(db, input, { ip: clientIpFrom(await headers()), requestId });
    if (outcome.kind === "limited")
      return { status: "limited", message: await limitedMessage(locale, outcome.retryAfterSeconds) };
    if (outcome.kind === "refused") return { status: "invalid", message: letterMessages[locale].refused };
    await signIn("traveller-grant", { grant: sealTravellerGrant(outcome), redirect: false });
    return { status: "ok", redirectTo: "/my" };
  },
});
