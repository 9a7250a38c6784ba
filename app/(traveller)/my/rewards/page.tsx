import type { Metadata } from "next";
import Link from "next/link";
import { RewardsGuidance } from "@/components/rewards/rewards-guidance";
import { getDb } from "@/db/client";
import { requireTravellerPassenger } from "@/lib/auth/traveller";
import { rewardsMessages } from "@/lib/i18n/messages/letter-rewards";
import { getLocale } from "@/lib/i18n/server";
import { getRewardsGuidance } from "@/lib/rewards/view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: rewardsMessages[await getLocale()].memberTitle };
}

/** Where a rewards member on a booking lands after confirming their link: the rewards guidance, then /my. */
export default async function MyRewardsPage() {
  const { session } = await requireTravellerPassenger();
  const locale = await getLocale();
  const g = await getRewardsGuidance(await getDb(), session);
  // The session was just checked against the same person: missing data is a fault (error.tsx), not "not found".
  if (!g) throw new Error("rewards guidance unavailable");
  return (
    <div className="space-y-8">
      <RewardsGuidance g={g} locale={locale} showCategories={false} />
      <p>
        <Link
          href="/my"
          className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white shadow hover:bg-brand-800"
        >
          {rewardsMessages[locale].toBooking}
        </Link>
      </p>
    </div>
  );
}
