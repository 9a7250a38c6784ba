import type { Metadata } from "next";
import { ConfirmForm } from "@/components/rewards/confirm-form";
import { RewardsLinkGone } from "@/components/rewards/link-gone";
import { getDb } from "@/db/client";
import { format } from "@/lib/i18n/locales";
import { rewardsMessages } from "@/lib/i18n/messages/letter-rewards";
import { verifyMessages } from "@/lib/i18n/messages/verify";
import { getLocale } from "@/lib/i18n/server";
import { officialHost } from "@/lib/incident/branding";
import { readCurrentIncident } from "@/lib/incident/current";
import { rewardsLinkState } from "@/lib/rewards/link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: rewardsMessages[await getLocale()].confirmTitle };
}

type Props = { params: Promise<{ token: string }> };

/**
 * A rewards member's link. Opening it (GET, and HEAD, which Next.js answers the same way) only reads: mail
 * scanners that fetch it first must not use it up. The form's POST (actions.ts) is what uses it.
 */
export default async function RewardsLinkPage({ params }: Props) {
  const { token } = await params;
  const locale = await getLocale();
  const t = rewardsMessages[locale];
  const db = await getDb();
  const [state, incident] = await Promise.all([rewardsLinkState(db, token), readCurrentIncident(db)]);
  if (state === "gone") return <RewardsLinkGone locale={locale} supportPhone={incident?.supportPhone ?? null} />;
  const v = verifyMessages[locale];
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold leading-tight">{t.confirmTitle}</h1>
      <p className="text-lg">{t.confirmIntro}</p>
      <section className="rounded-lg bg-white p-5 shadow-sm sm:p-8">
        <ConfirmForm
          token={token}
          t={{
            lastName: t.lastName,
            lastNameHint: t.lastNameHint,
            continue: t.continue,
            checking: t.checking,
            errorSummary: t.errorSummary,
            limitedTitle: t.limitedTitle,
            errors: v.errors,
          }}
        />
      </section>
      <p className="text-sm text-slate-700">{format(t.typeAddress, { address: officialHost() })}</p>
    </div>
  );
}
