import type { Metadata } from "next";
import { cookies } from "next/headers";
import { RewardsLinkGone } from "@/components/rewards/link-gone";
import { RewardsGuidance } from "@/components/rewards/rewards-guidance";
import { getDb } from "@/db/client";
import { rewardsMessages } from "@/lib/i18n/messages/letter-rewards";
import { getLocale } from "@/lib/i18n/server";
import { readCurrentIncident } from "@/lib/incident/current";
import { REWARDS_VIEW_COOKIE, rewardsViewFor } from "@/lib/rewards/view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: rewardsMessages[await getLocale()].memberTitle };
}

/**
 * The view of a rewards member on no booking, who confirmed their link (lib/rewards/view.ts says why it is not
 * the traveller session). Without a valid view cookie: the same calm page as a used link.
 */
export default async function RewardsMemberPage() {
  const locale = await getLocale();
  const db = await getDb();
  const view = await rewardsViewFor(db, (await cookies()).get(REWARDS_VIEW_COOKIE)?.value);
  if (!view) {
    const incident = await readCurrentIncident(db);
    return <RewardsLinkGone locale={locale} supportPhone={incident?.supportPhone ?? null} />;
  }
  return (
    <div className="mx-auto max-w-3xl">
      <RewardsGuidance g={view} locale={locale} showCategories />
    </div>
  );
}
