"use client";
import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import { SuccessMessage } from "@/components/ui/success-message";
import { useActionFormState } from "@/components/ui/use-action-form";
import { useLazyForm } from "@/components/ui/use-lazy-form";
import type { MonitoringProviderDto } from "@/lib/dto/incident";
import type { EnrolmentDto } from "@/lib/dto/traveller";
import { formatDate } from "@/lib/format";
import { format, formErrorText, type Locale } from "@/lib/i18n/locales";
import type { TravellerFormText } from "@/lib/i18n/messages/traveller";
import type { MonitoringMessages } from "@/lib/i18n/messages/traveller-monitoring";
import { enrolMonitoringAction } from "@/lib/traveller/actions";
import { ActivationSteps } from "./activation-steps";
import { EnrolConsentForm } from "./enrol-consent-form";
import { EnrolmentDetails } from "./enrolment-details";

/** react-hook-form and the schema load on first use, not with the page (components/ui/use-lazy-form.ts). */
const loadRhf = () => import("./enrol-consent-rhf").then((m) => m.EnrolConsentRhf);

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
  const actionState = useActionFormState(enrolMonitoringAction);
  const { state, formAction, pending, formRef, summarySignal, successSignal } = actionState;
  const lazy = useLazyForm(formRef, loadRhf);
  const enrolment = state?.data?.enrolment ?? saved;
  const id = subject === "self" ? "consent" : `consent-${subject}`;
  // Before react-hook-form loads (or without JavaScript) the server's errors are the only ones.
  const consentError = formErrorText(state?.fieldErrors?.consent?.[0], tt.formErrors);
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
  const view = {
    subject,
    id,
    label,
    buttonLabel: initials ? format(t.guardianEnrol, { initials }) : t.enrolButton,
    pendingLabel: t.enrolling,
    tt,
  };
  if (lazy.loaded) {
    const { Form, restore } = lazy.loaded;
    return <Form {...view} actionState={actionState} message={message} restore={restore} />;
  }
  return (
    <EnrolConsentForm
      {...view}
      formProps={{ ref: formRef, action: formAction, ...lazy.handlers }}
      consent={{ name: "consent" }}
      error={consentError}
      message={message}
      summarySignal={summarySignal}
      pending={pending}
    />
  );
}
