import type { Metadata } from "next";
import Link from "next/link";
import { FlagCompanionForm } from "@/components/traveller/flag-companion-form";
import { getDb } from "@/db/client";
import { requireTravellerPassenger } from "@/lib/auth/traveller";
import { format, pickMessages } from "@/lib/i18n/locales";
import { TRAVELLER_FORM_KEYS, travellerMessages } from "@/lib/i18n/messages/traveller";
import { companionMessages } from "@/lib/i18n/messages/traveller-companions";
import { getLocale } from "@/lib/i18n/server";
import { listCompanions } from "@/lib/traveller/companions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: companionMessages[await getLocale()].title };
}

const badge = "inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-medium";

export default async function CompanionsPage() {
  const traveller = await requireTravellerPassenger();
  const locale = await getLocale();
  const t = companionMessages[locale];
  const formText = pickMessages(travellerMessages[locale], TRAVELLER_FORM_KEYS);
  // Initials and yes/no facts only; companions' dates of birth are decrypted only for the booker (minor status).
  const companions = await listCompanions(await getDb(), traveller);

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold leading-tight">{t.title}</h1>
        <p className="max-w-prose text-lg">{t.intro}</p>
      </header>
      {companions.length === 0 ? (
        <div className="space-y-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <p>{t.empty}</p>
          <Link href="/my" className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
            {t.back}
          </Link>
        </div>
      ) : (
        <ul aria-label={t.listLabel} className="space-y-5">
          {companions.map((c) => (
            <li key={c.ref} className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
              <div className="flex flex-wrap items-baseline justify-between gap-3">
                <h2 id={`companion-${c.ref}`} className="text-xl font-semibold">
                  <span className="sr-only">{format(t.traveller, { n: c.ref })}: </span>
                  {c.initials}
                </h2>
                <p className="flex flex-wrap gap-2">
                  <span
                    className={`${badge} ${c.affected ? "bg-amber-100 text-amber-900" : "bg-slate-100 text-slate-800"}`}
                  >
                    {c.affected ? t.affected : t.notListed}
                  </span>
                  {c.flagged && <span className={`${badge} bg-emerald-100 text-emerald-900`}>{t.flagged}</span>}
                  {c.guardian && <span className={`${badge} bg-brand-100 text-brand-800`}>{t.minor}</span>}
                  {c.guardian?.enrolled && (
                    <span className={`${badge} bg-emerald-100 text-emerald-900`}>{t.minorEnrolled}</span>
                  )}
                </p>
              </div>
              {c.guardian && !c.guardian.enrolled && (
                <p className="rounded-md bg-brand-50 p-3">
                  {t.minorNote}{" "}
                  <Link
                    href={`/my/monitoring#minor-${c.ref}`}
                    className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline"
                  >
                    {t.minorLink}
                  </Link>
                </p>
              )}
              <FlagCompanionForm
                companionRef={c.ref}
                initials={c.initials}
                hasEmailOnFile={c.hasEmailOnFile}
                flagged={c.flagged}
                givenAddress={c.givenAddress}
                t={t}
                tt={formText}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
