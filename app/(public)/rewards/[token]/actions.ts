"use server";
import { cookies, headers } from "next/headers";
import { signIn } from "@/auth";
import { anyone, defineAction } from "@/lib/actions/action";
import { sealTravellerGrant } from "@/lib/auth/grant";
import { env } from "@/lib/env";
import { rewardsConfirmSchema } from "@/lib/forms/rewards-confirm";
import { rewardsMessages } from "@/lib/i18n/messages/letter-rewards";
import { rewardsLinkPath } from "@/lib/notices/rewards-token";
import { clientIpFrom } from "@/lib/rate-limit";
import { redeemRewardsLink } from "@/lib/rewards/link";
import { REWARDS_VIEW_COOKIE, rewardsViewCookieOptions, sealRewardsView } from "@/lib/rewards/view";
import { limitedMessage } from "@/lib/verification/step-one-http";

/**
 * The rewards link's POST: the only request that uses the link (lib/rewards/link.ts). The right last name uses it
 * and opens the member's view: a member on a booking gets the ordinary traveller session (a sealed grant handed to
 * next-auth's `traveller-grant` provider in this process) and their rewards guidance under /my; a member on no
 * booking gets their own view (lib/rewards/view.ts). A wrong name leaves the link as it was. A link that can no
 * longer be used goes back to its own address, which shows the one calm page.
 */
export const confirmRewardsLinkAction = defineAction({
  name: "rewards.confirm",
  schema: rewardsConfirmSchema,
  authenticate: anyone,
  handler: async ({ db, input, locale, requestId }) => {
    const t = rewardsMessages[locale];
    const outcome = await redeemRewardsLink(
      db,
      { token: input.token, lastName: input.lastName },
      { ip: clientIpFrom(await headers()), requestId },
    );
    if (outcome.kind === "gone")
      return { status: "error", redirectTo: rewardsLinkPath(encodeURIComponent(input.token)) };
    if (outcome.kind === "wrong_name") return { status: "invalid", message: t.wrongName };
    if (outcome.kind === "limited")
      return { status: "limited", message: await limitedMessage(locale, outcome.retryAfterSeconds) };
    if (outcome.bookingId !== null) {
      await signIn("traveller-grant", {
        grant: sealTravellerGrant({ ...outcome, bookingId: outcome.bookingId }),
        redirect: false,
      });
      return { status: "ok", redirectTo: "/my/rewards" };
    }
    (await cookies()).set(
      REWARDS_VIEW_COOKIE,
      await sealRewardsView(db, outcome),
      rewardsViewCookieOptions(env().APP_ENV === "production"),
    );
    return { status: "ok", redirectTo: "/rewards/member" };
  },
});
