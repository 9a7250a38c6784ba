"use client";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "@/components/ui/error-summary";
import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import { SubmitButton } from "@/components/ui/submit-button";
import { SuccessMessage } from "@/components/ui/success-message";
import { useActionForm } from "@/components/ui/use-action-form";
import type { MonitoringProviderDto } from "@/lib/dto/incident";
import type { EnrolmentDto } from "@/lib/dto/traveller";
import { formatDate } from "@/lib/format";
import type { EnrolMonitoringInput, EnrolMonitoringValues } from "@/lib/forms/enrol-monitoring";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import { format, formErrorText, type Locale } from "@/lib/i18n/locales";
import type { TravellerFormText } from "@/lib/i18n/messages/traveller";
import type { MonitoringMessages } from "@/lib/i18n/messages/traveller-monitoring";
import { enrolMonitoringAction } from "@/lib/traveller/actions";
import { ActivationSteps } from "./activation-steps";
import { EnrolmentDetails } from "./enrolment-details";

/** The schema loads on first focus or submit, not with the page (lib/forms/lazy-resolver.ts). */
const enrolMonitoring = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.enrolMonitoringResolver));

type Props = {
  /** "self", or a minor's position on the booking (guardian). */
  subject: string;
  /** The minor's initials when enrolling as guardian. */
  initials?: string;
  enrolment: EnrolmentDto | null;
  open: boolean;
  enrolBy: string;
  termMonths: number;
  supportPhone: string;
  provider: MonitoringProviderDto | null;
  hasEmailOnFile: boolean;
  locale: Locale;
  /** Texts in the reader's language, from the page (the catalogues stay out of the page's JavaScript). */
  t: MonitoringMessages;
  tt: TravellerFormText;
};

/**
 * Consent form, then the activation code. It stays mounted when the page re-renders after enrolling, so the
 * confirmation (and focus on it) survives; a second submit from another tab shows the same code.
 */
export function EnrolPanel({
  subject,
  initials,
  enrolment: saved,
  open,
  enrolBy,
  termMonths,
  supportPhone,
  provider,
  hasEmailOnFile,
  locale,
  t,
  tt,
}: Props) {
  const form = useForm<EnrolMonitoringInput, unknown, EnrolMonitoringValues>({
    resolver: enrolMonitoring.resolver,
    defaultValues: { subject, consent: false },
    shouldFocusError: false,
  });
  const { state, formAction, pending, formRef, summarySignal, successSignal, onSubmit } = useActionForm(
    form,
    enrolMonitoringAction,
  );
  const enrolment = state?.data?.enrolment ?? saved;
  const id = subject === "self" ? "consent" : `consent-${subject}`;
  // Server errors too, so a post made before hydration (or without JavaScript) still shows them.
  const consentError = formErrorText(
    form.formState.errors.consent?.message ?? state?.fieldErrors?.consent?.[0],
    tt.formErrors,
  );
  const message =
    state && state.status !== "ok" && state.status !== "invalid"
      ? state.message
      : state?.fieldErrors?.subject
        ? tt.saveFailed
        : undefined;

  if (enrolment) {
    const success =
      state?.status === "ok" ? (initials ? format(t.guardianSuccess, { initials }) : state.message) : undefined;
    return (
      <div className="space-y-4">
        {success && <SuccessMessage text={success} focusSignal={successSignal} />}
        <EnrolmentDetails enrolment={enrolment} provider={provider} locale={locale} t={t} />
        <p className="text-slate-700">{hasEmailOnFile ? t.emailed : t.notEmailed}</p>
        <ActivationSteps
          provider={provider}
          enrolledOn={enrolment.enrolledOn}
          supportPhone={supportPhone}
          locale={locale}
          t={t}
        />
      </div>
    );
  }

  if (!open) {
    return (
      <div className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-4">
        <p className="font-semibold">{t.closedTitle}</p>
        <p className="mt-1">
          <RichText
            template={t.closedBody}
            values={{ date: formatDate(enrolBy, locale), phone: <PhoneLink phone={supportPhone} locale={locale} /> }}
          />
        </p>
      </div>
    );
  }

  const label = initials
    ? format(t.guardianConsentLabel, { initials, months: termMonths })
    : format(t.consentLabel, { months: termMonths });
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      onFocus={enrolMonitoring.warm}
      noValidate
      className="space-y-4"
    >
      <ErrorSummary
        focusSignal={summarySignal}
        title={tt.errorSummaryTitle}
        items={consentError ? [{ fieldId: id, text: consentError }] : []}
        message={message}
      />
      {/* A plain value (not registered): react-hook-form sets registered values only after hydration. */}
      <input type="hidden" name="subject" value={subject} />
      <div className={`space-y-1.5 ${consentError ? "border-l-4 border-red-700 pl-3" : ""}`}>
        {consentError && (
          <p id={`${id}-error`} className="text-sm font-semibold text-red-700">
            {consentError}
          </p>
        )}
        <div className="flex items-start gap-3">
          <input
            id={id}
            type="checkbox"
            aria-invalid={consentError ? true : undefined}
            aria-describedby={consentError ? `${id}-error` : undefined}
            className="mt-0.5 h-6 w-6 shrink-0 accent-brand-700"
            {...form.register("consent")}
          />
          <label htmlFor={id} className="font-medium">
            {label}
          </label>
        </div>
      </div>
      <SubmitButton
        pending={pending}
        label={initials ? format(t.guardianEnrol, { initials }) : t.enrolButton}
        pendingLabel={t.enrolling}
      />
    </form>
  );
}
