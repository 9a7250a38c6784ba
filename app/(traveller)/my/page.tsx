import type { Metadata } from "next";
import Link from "next/link";
import { ExposureCard } from "@/components/traveller/exposure-card";
import { getDb } from "@/db/client";
import { requireTravellerPassenger } from "@/lib/auth/traveller";
import { CATEGORY_NAMES, isNotExposedCode, NOT_EXPOSED_NAMES } from "@/lib/catalogue/categories";
import { formatDate } from "@/lib/format";
import { format } from "@/lib/i18n/locales";
import { travellerMessages } from "@/lib/i18n/messages/traveller";
import { getLocale } from "@/lib/i18n/server";
import { localiseHint } from "@/lib/traveller/detail-hint";
import { getOverview } from "@/lib/traveller/overview";

export async function generateMetadata(): Promise<Metadata> {
  return { title: travellerMessages[await getLocale()].overviewTitle };
}

const cardLink =
  "inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white shadow hover:bg-brand-800";

export default async function MyOverviewPage() {
  // The layout checks too, but a page must never rely on it (layouts are not re-run for every request). Within one
  // request both share a single check (cache() in lib/auth/traveller.ts), which also read the greeting's name.
  const traveller = await requireTravellerPassenger();
  const locale = await getLocale();
  const t = travellerMessages[locale];
  const data = await getOverview(await getDb(), traveller);
  // Missing data here is a fault, shown by error.tsx as "something went wrong", never as "nothing found".
  if (!data) throw new Error("traveller overview unavailable");
  const { overview, monitoring, supportPhone } = data;
  const notExposed = data.notExposed.filter(isNotExposedCode);

  return (
    <div className="space-y-10">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold leading-tight">{format(t.greeting, { name: overview.givenName })}</h1>
        <p className="max-w-prose text-lg">{t.intro}</p>
      </header>

      <div className="grid items-start gap-6 md:grid-cols-2">
        <section aria-labelledby="involved" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 id="involved" className="text-xl font-semibold">
            {t.involvedHeading}
          </h2>
          {overview.exposures.length === 0 ? (
            <div className="mt-3 rounded-md border-l-4 border-amber-600 bg-amber-50 p-4">
              <p className="font-semibold">{t.noExposuresTitle}</p>
              <p className="mt-1">{format(t.noExposuresBody, { phone: supportPhone })}</p>
            </div>
          ) : (
            <>
              <p className="mt-2 text-slate-700">
                {overview.exposures.length === 1
                  ? t.involvedOne
                  : format(t.involvedMany, { count: overview.exposures.length })}
              </p>
              <ul className="mt-3 space-y-2">
                {overview.exposures.map((e) => (
                  <li key={e.category} className="flex items-start gap-2">
                    <span aria-hidden="true" className="mt-2 h-2 w-2 shrink-0 rounded-full bg-amber-600" />
                    <a
                      href={`#card-${e.category}`}
                      className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline"
                    >
                      {CATEGORY_NAMES[e.category][locale]}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        {notExposed.length > 0 && (
          <section aria-labelledby="not-involved" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 id="not-involved" className="text-xl font-semibold">
              {t.notInvolvedHeading}
            </h2>
            <p className="mt-2 text-slate-700">{t.notInvolvedIntro}</p>
            <ul className="mt-3 space-y-2">
              {notExposed.map((code) => (
                <li key={code} className="flex items-start gap-2">
                  <svg
                    aria-hidden="true"
                    viewBox="0 0 20 20"
                    className="mt-0.5 h-5 w-5 shrink-0 text-emerald-700"
                    fill="currentColor"
                  >
                    <path d="M10 18a8 8 0 100-16 8 8 0 000 16zm3.7-9.3l-4 4a1 1 0 01-1.4 0l-2-2a1 1 0 111.4-1.4L9 10.6l3.3-3.3a1 1 0 111.4 1.4z" />
                  </svg>
                  <span>{NOT_EXPOSED_NAMES[code][locale]}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>

      <section aria-labelledby="next-steps" className="space-y-4">
        <h2 id="next-steps" className="text-2xl font-semibold">
          {t.nextStepsHeading}
        </h2>
        <div className="grid gap-6 md:grid-cols-2">
          <div className="flex flex-col items-start gap-3 rounded-lg border-t-4 border-brand-700 bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h3 className="text-lg font-semibold">{t.monitoringCardTitle}</h3>
            <p className="flex-1">
              {monitoring.termEndsOn
                ? format(t.monitoringCardEnrolled, { date: formatDate(monitoring.termEndsOn, locale) })
                : monitoring.open
                  ? format(t.monitoringCardBody, {
                      months: monitoring.termMonths,
                      date: formatDate(monitoring.enrolBy, locale),
                    })
                  : format(t.monitoringCardClosed, {
                      date: formatDate(monitoring.enrolBy, locale),
                      phone: supportPhone,
                    })}
            </p>
            {(monitoring.termEndsOn || monitoring.open) && (
              <Link href="/my/monitoring" className={cardLink}>
                {monitoring.termEndsOn ? t.monitoringView : t.monitoringCta}
              </Link>
            )}
          </div>
          {data.hasCompanions && (
            <div className="flex flex-col items-start gap-3 rounded-lg border-t-4 border-brand-700 bg-white p-5 shadow-sm ring-1 ring-slate-200">
              <h3 className="text-lg font-semibold">{t.companionsCardTitle}</h3>
              <p className="flex-1">{t.companionsCardBody}</p>
              <Link href="/my/companions" className={cardLink}>
                {t.companionsCta}
              </Link>
            </div>
          )}
        </div>
      </section>

      {overview.exposures.length > 0 && (
        <section aria-labelledby="what-to-do" className="space-y-4">
          <h2 id="what-to-do" className="text-2xl font-semibold">
            {t.detailsHeading}
          </h2>
          <div className="space-y-5">
            {overview.exposures.map((e) => (
              <ExposureCard
                key={e.category}
                category={e.category}
                hint={e.detail ? localiseHint(e.detail, locale) : null}
                done={overview.completedItems}
                locale={locale}
              />
            ))}
          </div>
        </section>
      )}

      <aside className="space-y-3">
        <p className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-4">{t.scamWarning}</p>
        <p>{format(t.help, { phone: supportPhone })}</p>
      </aside>
    </div>
  );
}
