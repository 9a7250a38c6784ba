import type { Metadata } from "next";
import Link from "next/link";
import { ExposureCard } from "@/components/traveller/exposure-card";
import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import { getDb } from "@/db/client";
import { requireTravellerPassenger } from "@/lib/auth/traveller";
import { CATEGORY_NAMES, isNotExposedCode, NOT_EXPOSED_NAMES } from "@/lib/catalogue/categories";
import { GUIDANCE } from "@/lib/catalogue/guidance";
import { topActions } from "@/lib/catalogue/priority";
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
const textLink = "font-medium text-brand-700 underline underline-offset-2 hover:no-underline";
const card = "rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200";

// The page leads with the three steps that matter most for this person's categories (lib/catalogue/priority.ts),
// then the monitoring and companions cards, then each category folded with its saved progress: a worried reader
// gets what to do first without scrolling through every piece of advice.
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
  const first = topActions(overview.exposures.map((e) => e.category));
  const phone = <PhoneLink phone={supportPhone} locale={locale} />;

  return (
    <div className="space-y-10">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold leading-tight">{format(t.greeting, { name: overview.givenName })}</h1>
        <p className="max-w-prose text-lg">{t.intro}</p>
      </header>

      {first.length > 0 && (
        <section aria-labelledby="first" className="space-y-4">
          <h2 id="first" className="text-2xl font-semibold">
            {t.firstHeading}
          </h2>
          <p>{t.firstIntro}</p>
          <ol className="space-y-4">
            {first.map((a, i) => {
              const item = GUIDANCE[a.category].items.find((x) => x.key === a.key)!;
              const done = overview.completedItems.includes(a.key);
              // Enrolling is the way to watch for identity fraud: that step goes straight to the monitoring page.
              const toMonitoring =
                a.key === "travel_document.watch-identity" && (monitoring.open || monitoring.termEndsOn);
              return (
                <li key={a.key} className={`${card} flex gap-4 border-l-4 border-brand-700`}>
                  <span
                    aria-hidden="true"
                    className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-brand-700 font-bold text-white"
                  >
                    {i + 1}
                  </span>
                  <div className="min-w-0 space-y-1.5">
                    <h3 className="text-lg font-semibold leading-snug">
                      {item.title[locale]}
                      {done && (
                        <span className="ml-2 inline-flex items-center rounded-full bg-emerald-100 px-2.5 py-0.5 align-middle text-sm font-medium text-emerald-900">
                          {t.firstDone}
                        </span>
                      )}
                    </h3>
                    <p>{item.detail[locale]}</p>
                    <p>
                      {toMonitoring ? (
                        <Link href="/my/monitoring" className={textLink}>
                          {t.firstMonitoring}
                        </Link>
                      ) : (
                        <a href={`#cat-${a.category}-advice`} className={textLink}>
                          {format(t.firstMore, { category: CATEGORY_NAMES[a.category][locale] })}
                        </a>
                      )}
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
        </section>
      )}

      <section aria-labelledby="next-steps" className="space-y-4">
        <h2 id="next-steps" className="text-2xl font-semibold">
          {t.nextStepsHeading}
        </h2>
        <div className="grid gap-6 md:grid-cols-2">
          <div className={`${card} flex flex-col items-start gap-3 border-t-4 border-brand-700`}>
            <h3 className="text-lg font-semibold">{t.monitoringCardTitle}</h3>
            <div className="flex-1 space-y-2">
              {monitoring.termEndsOn ? (
                <>
                  <p>{format(t.monitoringCardEnrolled, { date: formatDate(monitoring.termEndsOn, locale) })}</p>
                  <p className="font-semibold">
                    {monitoring.provider && monitoring.activateBy ? (
                      format(t.monitoringCardActivate, {
                        provider: monitoring.provider.name,
                        date: formatDate(monitoring.activateBy, locale),
                      })
                    ) : (
                      <RichText template={t.monitoringCardActivateNoProvider} values={{ phone }} />
                    )}
                  </p>
                </>
              ) : monitoring.open ? (
                <p>
                  {format(t.monitoringCardBody, {
                    months: monitoring.termMonths,
                    date: formatDate(monitoring.enrolBy, locale),
                  })}
                </p>
              ) : (
                <p>
                  <RichText
                    template={t.monitoringCardClosed}
                    values={{ date: formatDate(monitoring.enrolBy, locale), phone }}
                  />
                </p>
              )}
            </div>
            {(monitoring.termEndsOn || monitoring.open) && (
              <Link href="/my/monitoring" className={cardLink}>
                {monitoring.termEndsOn ? t.monitoringView : t.monitoringCta}
              </Link>
            )}
          </div>
          {data.hasCompanions && (
            <div className={`${card} flex flex-col items-start gap-3 border-t-4 border-brand-700`}>
              <h3 className="text-lg font-semibold">{t.companionsCardTitle}</h3>
              <p className="flex-1">{t.companionsCardBody}</p>
              <Link href="/my/companions" className={cardLink}>
                {t.companionsCta}
              </Link>
            </div>
          )}
        </div>
      </section>

      <section aria-labelledby="involved" className="space-y-4">
        <h2 id="involved" className="text-2xl font-semibold">
          {t.involvedHeading}
        </h2>
        {overview.exposures.length === 0 ? (
          <div className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-4">
            <p className="font-semibold">{t.noExposuresTitle}</p>
            <p className="mt-1">
              <RichText template={t.noExposuresBody} values={{ phone }} />
            </p>
          </div>
        ) : (
          <>
            <p className="max-w-prose">
              {overview.exposures.length === 1
                ? t.involvedOne
                : format(t.involvedMany, { count: overview.exposures.length })}
            </p>
            <div className="space-y-4">
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
          </>
        )}
      </section>

      {notExposed.length > 0 && (
        <section aria-labelledby="not-involved" className={card}>
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

      <aside className="space-y-3">
        <p className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-4">{t.scamWarning}</p>
        <p>
          <RichText template={t.help} values={{ phone }} />
        </p>
      </aside>
    </div>
  );
}
