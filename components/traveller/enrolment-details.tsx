import type { MonitoringProviderDto } from "@/lib/dto/incident";
import type { EnrolmentDto } from "@/lib/dto/traveller";
import { formatDate } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import type { MonitoringMessages } from "@/lib/i18n/messages/traveller-monitoring";
import { activateBy } from "@/lib/traveller/provider";

/**
 * The activation code and dates, large and easy to copy or read aloud. Once enrolled, the enrol-by date no longer
 * matters; the activation deadline does.
 */
export function EnrolmentDetails({
  enrolment,
  provider,
  locale,
  t,
}: {
  enrolment: EnrolmentDto;
  provider: MonitoringProviderDto | null;
  locale: Locale;
  t: MonitoringMessages;
}) {
  return (
    <dl className="grid gap-4 sm:grid-cols-3">
      <div className="sm:col-span-3">
        <dt className="text-sm font-semibold uppercase tracking-wide text-slate-600">{t.codeLabel}</dt>
        <dd className="mt-1">
          <span
            data-testid="activation-code"
            className="inline-block select-all rounded-md border-2 border-dashed border-brand-600 bg-brand-50 px-4 py-2 font-mono text-xl font-bold tracking-wider text-brand-800 sm:text-2xl sm:tracking-widest"
          >
            {enrolment.activationCode}
          </span>
        </dd>
      </div>
      <div>
        <dt className="text-sm font-semibold text-slate-600">{t.enrolledOn}</dt>
        <dd className="mt-0.5 font-medium">{formatDate(enrolment.enrolledOn, locale)}</dd>
      </div>
      {provider && (
        <div>
          <dt className="text-sm font-semibold text-slate-600">{t.activateByLabel}</dt>
          <dd className="mt-0.5 font-medium">{formatDate(activateBy(enrolment.enrolledOn, provider), locale)}</dd>
        </div>
      )}
      <div>
        <dt className="text-sm font-semibold text-slate-600">{t.termEnds}</dt>
        <dd className="mt-0.5 font-medium">{formatDate(enrolment.termEndsOn, locale)}</dd>
      </div>
    </dl>
  );
}
