import Link from "next/link";
import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import { getDb } from "@/db/client";
import { isNotExposedCode, NOT_EXPOSED_NAMES } from "@/lib/catalogue/categories";
import { formatDate } from "@/lib/format";
import { format } from "@/lib/i18n/locales";
import { homeMessages } from "@/lib/i18n/messages/home";
import { getLocale } from "@/lib/i18n/server";
import { readCurrentIncident } from "@/lib/incident/current";

export default async function HomePage() {
  const locale = await getLocale();
  const t = homeMessages[locale];
  const incident = await readCurrentIncident(await getDb());
  if (!incident) {
    return <p className="rounded-md bg-white p-6 shadow-sm">{t.noIncident}</p>;
  }
  return (
    <div className="space-y-8">
      <section className="space-y-4">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t.eyebrow}</p>
        <h1 className="text-3xl font-bold leading-tight">{incident.title[locale]}</h1>
        <p className="text-sm text-slate-700">
          {format(t.detected, { date: formatDate(incident.detectedOn, locale) })}
        </p>
        <p className="text-lg">{incident.summary[locale]}</p>
        <p>{t.intro}</p>
        <Link
          href="/verify"
          className="inline-block rounded-md bg-brand-700 px-6 py-3 text-lg font-semibold text-white shadow hover:bg-brand-800"
        >
          {t.start}
        </Link>
      </section>
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="need" className="rounded-lg bg-white p-6 shadow-sm">
          <h2 id="need" className="mb-3 text-xl font-semibold">
            {t.whatYouNeed}
          </h2>
          <ul className="list-disc space-y-2 pl-5">
            <li>{t.needRef}</li>
            <li>{t.needName}</li>
            <li>{t.needDob}</li>
            <li>{t.needInbox}</li>
          </ul>
        </section>
        <section aria-labelledby="not-taken" className="rounded-lg bg-white p-6 shadow-sm">
          <h2 id="not-taken" className="mb-3 text-xl font-semibold">
            {t.notTaken}
          </h2>
          <ul className="list-disc space-y-2 pl-5">
            {incident.notExposed.filter(isNotExposedCode).map((code) => (
              <li key={code}>{NOT_EXPOSED_NAMES[code][locale]}</li>
            ))}
          </ul>
        </section>
      </div>
      <p className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-4">{t.scam}</p>
      <p>
        <RichText template={t.help} values={{ phone: <PhoneLink phone={incident.supportPhone} locale={locale} /> }} />
      </p>
    </div>
  );
}
