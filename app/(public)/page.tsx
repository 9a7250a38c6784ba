import Link from "next/link";
import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import { getDb } from "@/db/client";
import { isNotExposedCode, NOT_EXPOSED_NAMES } from "@/lib/catalogue/categories";
import type { PrivacyOfficeDto } from "@/lib/dto/incident";
import { formatDate } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { format } from "@/lib/i18n/locales";
import { homeMessages } from "@/lib/i18n/messages/home";
import { getLocale } from "@/lib/i18n/server";
import { officialHost } from "@/lib/incident/branding";
import { readCurrentIncident } from "@/lib/incident/current";

/** The one address people should type themselves, said before anything asks them for personal details. */
function OfficialAddress({ locale }: { locale: Locale }) {
  return (
    <p>
      <RichText template={homeMessages[locale].official} values={{ host: <strong>{officialHost()}</strong> }} />
    </p>
  );
}

export default async function HomePage() {
  const locale = await getLocale();
  const t = homeMessages[locale];
  const incident = await readCurrentIncident(await getDb());
  if (!incident) {
    return (
      <div className="space-y-4 rounded-md bg-white p-6 shadow-sm">
        <p>{t.noIncident}</p>
        <OfficialAddress locale={locale} />
      </div>
    );
  }
  return (
    <div className="space-y-8">
      <section className="space-y-4">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t.eyebrow}</p>
        <h1 className="text-3xl font-bold leading-tight">
          {format(t.heading, { title: incident.title[locale], organisation: incident.organisation })}
        </h1>
        <p>{t.intro}</p>
        <Link
          href="/verify"
          className="inline-block rounded-md bg-brand-700 px-6 py-3 text-lg font-semibold text-white shadow hover:bg-brand-800"
        >
          {t.start}
        </Link>
      </section>
      <section aria-labelledby="happened" className="space-y-3">
        <h2 id="happened" className="text-xl font-semibold">
          {t.happenedHeading}
        </h2>
        <p className="text-lg">{incident.summary[locale]}</p>
        <p className="text-slate-700">
          {format(t.exposure, {
            from: formatDate(incident.exposureFrom, locale),
            to: formatDate(incident.exposureTo, locale),
            detected: formatDate(incident.detectedOn, locale),
          })}
        </p>
      </section>
      <div className="space-y-2 rounded-md border-l-4 border-amber-600 bg-amber-50 p-4">
        <OfficialAddress locale={locale} />
        <p>{t.scam}</p>
      </div>
      {incident.stepsTaken && (
        <section aria-labelledby="steps" className="rounded-lg bg-white p-6 shadow-sm">
          <h2 id="steps" className="mb-3 text-xl font-semibold">
            {t.stepsHeading}
          </h2>
          <p>{incident.stepsTaken[locale]}</p>
        </section>
      )}
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
      <section aria-labelledby="complain" className="space-y-3 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="complain" className="text-xl font-semibold">
          {t.complainHeading}
        </h2>
        {incident.privacyOffice && <PrivacyOffice office={incident.privacyOffice} locale={locale} />}
        <p>
          <RichText
            template={t.regulators}
            values={{
              opc: <ExternalLink href={t.opcUrl}>priv.gc.ca</ExternalLink>,
              // The Commission's name is French in both languages: say so, for screen readers' pronunciation.
              caiName: <span lang="fr">{t.caiName}</span>,
              cai: <ExternalLink href={t.caiUrl}>cai.gouv.qc.ca</ExternalLink>,
            }}
          />
        </p>
      </section>
      <p>
        <RichText template={t.help} values={{ phone: <PhoneLink phone={incident.supportPhone} locale={locale} /> }} />
      </p>
    </div>
  );
}

function ExternalLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <a href={href} className="text-brand-700 underline">
      {children}
    </a>
  );
}

function PrivacyOffice({ office, locale }: { office: PrivacyOfficeDto; locale: Locale }) {
  const t = homeMessages[locale];
  return (
    <>
      <p>{t.privacyIntro}</p>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          <RichText
            template={t.privacyEmail}
            values={{
              email: (
                <a href={`mailto:${office.email}`} className="text-brand-700 underline">
                  {office.email}
                </a>
              ),
            }}
          />
        </li>
        <li>
          <RichText template={t.privacyPhone} values={{ phone: <PhoneLink phone={office.phone} locale={locale} /> }} />
        </li>
        <li>{format(t.privacyAddress, { address: office.address })}</li>
      </ul>
    </>
  );
}
