"use client";
import { useForm } from "react-hook-form";
import type { ActionFormState } from "@/components/ui/use-action-form";
import { useRhfSubmit } from "@/components/ui/use-action-form";
import { type Restore, useRestoreLazyForm } from "@/components/ui/use-lazy-form";
import type { EnrolMonitoringInput, EnrolMonitoringValues } from "@/lib/forms/enrol-monitoring";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import { formErrorText } from "@/lib/i18n/locales";
import type { EnrolResultData } from "@/lib/traveller/actions";
import { EnrolConsentForm, type EnrolConsentProps } from "./enrol-consent-form";

// This module is import()ed on first use (use-lazy-form.ts), so react-hook-form stays out of the page's start.
const enrolMonitoring = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.enrolMonitoringResolver));

type Props = EnrolConsentProps & {
  actionState: ActionFormState<EnrolResultData>;
  message: string | undefined;
  restore: Restore;
};

/** The consent form with react-hook-form: checks in the browser before posting. */
export function EnrolConsentRhf({ actionState, message, restore, ...view }: Props) {
  const form = useForm<EnrolMonitoringInput, unknown, EnrolMonitoringValues>({
    resolver: enrolMonitoring.resolver,
    defaultValues: { subject: view.subject, consent: "consent" in restore.values },
    shouldFocusError: false,
  });
  enrolMonitoring.warm();
  const onSubmit = useRhfSubmit(form, actionState);
  useRestoreLazyForm(actionState.formRef, restore);
  const { state, formAction, pending, formRef, summarySignal } = actionState;
  const error = formErrorText(
    form.formState.errors.consent?.message ?? state?.fieldErrors?.consent?.[0],
    view.tt.formErrors,
  );
  return (
    <EnrolConsentForm
      {...view}
      formProps={{ ref: formRef, action: formAction, onSubmit }}
      consent={form.register("consent")}
      error={error}
      message={message}
      summarySignal={summarySignal}
      pending={pending}
    />
  );
}
