import type { Metadata } from "next";
import { ActivationLink } from "@/components/traveller/activation-steps";
import { EnrolPanel } from "@/components/traveller/enrol-panel";
import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import { getDb } from "@/db/client";
import { requireTravellerPassenger } from "@/lib/auth/traveller";
import { formatDate } from "@/lib/format";
import { format, pickMessages } from "@/lib/i18n/locales";
import { TRAVELLER_FORM_KEYS, travellerMessages } from "@/lib/i18n/messages/traveller";
import { monitoringMessages } from "@/lib/i18n/messages/traveller-monitoring";
import { getLocale } from "@/lib/i18n/server";
import { getMonitoringStatus, listGuardedMinors } from "@/lib/traveller/monitoring";

export async function generateMetadata(): Promise<Metadata> {
  return { title: monitoringMessages[await getLocale()].title };
}

export default async function MonitoringPage() {
  const traveller = await requireTravellerPassenger();
  const locale = await getLocale();
  const t = monitoringMessages[locale];
  const db = await getDb();
  const [status, minors] = await Promise.all([getMonitoringStatus(db, traveller), listGuardedMinors(db, traveller)]);
  const { provider } = status;
  const shared = {
    open: status.open,
    enrolBy: status.enrolBy,
    termMonths: status.termMonths,
    supportPhone: status.supportPhone,
    provider,
    hasEmailOnFile: status.hasEmailOnFile,
    locale,
    t,
    tt: pickMessages(travellerMessages[locale], TRAVELLER_FORM_KEYS),
  };
  const phone = (p: string) => <PhoneLink phone={p} locale={locale} />;
  // Each step is named first, so "Get your activation code" reads as a step of its own and the activation that
  // finishes the enrolment is never left implicit.
  const steps = [
    { title: t.stepAgreeTitle, body: t.stepAgree },
    { title: t.stepCodeTitle, body: t.stepCode },
    provider
      ? {
          title: format(t.stepActivateTitle, { provider: provider.name }),
          body: (
            <RichText
              template={t.stepActivate}
              values={{
                days: provider.activateWithinDays,
                url: <ActivationLink url={provider.activationUrl} />,
                phone: phone(provider.phone),
              }}
            />
          ),
        }
      : {
          title: t.stepActivateNoProviderTitle,
          body: <RichText template={t.stepActivateNoProvider} values={{ phone: phone(status.supportPhone) }} />,
        },
  ];

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold leading-tight">{t.title}</h1>
        <p className="max-w-prose text-lg">{format(t.intro, { months: status.termMonths })}</p>
        {status.open && !status.enrolment && (
          <p className="font-semibold">{format(t.enrolByLine, { date: formatDate(status.enrolBy, locale) })}</p>
        )}
      </header>

      <section
        aria-labelledby="self-enrolment"
        className="space-y-5 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <h2 id="self-enrolment" className="text-xl font-semibold">
          {status.enrolment ? t.enrolledHeading : t.howHeading}
        </h2>
        {!status.enrolment && status.open && (
          <>
            <ol className="list-decimal space-y-2 pl-5">
              {steps.map((s) => (
                <li key={s.title}>
                  <strong className="block">{s.title}</strong>
                  <span>{s.body}</span>
                </li>
              ))}
            </ol>
            <p>{format(t.stepTerm, { months: status.termMonths })}</p>
          </>
        )}
        <EnrolPanel subject="self" enrolment={status.enrolment} {...shared} />
      </section>

      {minors.length > 0 && (
        <section aria-labelledby="guardian" className="space-y-4">
          <div className="space-y-2">
            <h2 id="guardian" className="text-xl font-semibold">
              {t.guardianHeading}
            </h2>
            <p className="max-w-prose">{t.guardianIntro}</p>
          </div>
          {minors.map((m) => (
            <section
              key={m.ref}
              id={`minor-${m.ref}`}
              aria-labelledby={`minor-${m.ref}-title`}
              className="scroll-mt-4 space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
            >
              <h3 id={`minor-${m.ref}-title`} className="text-lg font-semibold">
                {m.enrolment ? format(t.guardianEnrolled, { initials: m.initials }) : m.initials}
              </h3>
              <EnrolPanel subject={String(m.ref)} initials={m.initials} enrolment={m.enrolment} {...shared} />
            </section>
          ))}
        </section>
      )}
    </div>
  );
}
