import type { ComponentProps } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionFormState } from "@/components/ui/use-action-form";
import { TextField } from "@/components/verify/text-field";
import type { EnrolmentDto } from "@/lib/dto/agent-accounts";
import { formErrorText } from "@/lib/i18n/locales";
import type { agentAccountMessages } from "@/lib/i18n/messages/agent-accounts";

export const ENROL_KEYS = [
  "formErrors",
  "errorSummaryTitle",
  "enrolPasswordLabel",
  "enrolPasswordHint",
  "enrolSecretIntro",
  "enrolSecretLabel",
  "enrolUriLabel",
  "enrolCodeLabel",
  "enrolSubmit",
  "pending",
] as const;
export type EnrolText = Pick<(typeof agentAccountMessages)["en"], (typeof ENROL_KEYS)[number]>;
export type EnrolField = "password" | "code";

type Props = {
  t: EnrolText;
  token: string;
  enrolment: EnrolmentDto;
  actionState: ActionFormState<undefined>;
  formProps: ComponentProps<"form">;
  field: (name: EnrolField) => ComponentProps<"input">;
  clientErrors?: Partial<Record<EnrolField, string>>;
};

/** The enrolment form's markup: a new password and/or the new key with the code that confirms it. */
export function EnrolFields({ t, token, enrolment, actionState, formProps, field, clientErrors }: Props) {
  const { state, pending, summarySignal } = actionState;
  const errorOf = (f: EnrolField) => formErrorText(clientErrors?.[f] ?? state?.fieldErrors?.[f]?.[0], t.formErrors);
  const shown: EnrolField[] = [
    ...(enrolment.setPassword ? ["password" as const] : []),
    ...(enrolment.factor ? ["code" as const] : []),
  ];
  const items = shown.flatMap((f) => {
    const text = errorOf(f);
    return text ? [{ fieldId: `enrol-${f}`, text }] : [];
  });
  const message = state && state.status !== "ok" ? state.message : undefined;
  return (
    <form {...formProps} noValidate className="max-w-xl space-y-5">
      <ErrorSummary focusSignal={summarySignal} title={t.errorSummaryTitle} items={items} message={message} />
      <input type="hidden" name="token" value={token} />
      {enrolment.setPassword && (
        <TextField
          id="enrol-password"
          label={t.enrolPasswordLabel}
          hint={t.enrolPasswordHint}
          type="password"
          autoComplete="new-password"
          error={errorOf("password")}
          {...field("password")}
        />
      )}
      {enrolment.factor && (
        <div className="space-y-3">
          <p>{t.enrolSecretIntro}</p>
          <dl className="space-y-2">
            <dt className="font-semibold">{t.enrolSecretLabel}</dt>
            <dd>
              <code className="break-all text-lg">{enrolment.factor.secret}</code>
            </dd>
            <dt className="font-semibold">{t.enrolUriLabel}</dt>
            <dd>
              <code className="break-all text-sm">{enrolment.factor.uri}</code>
            </dd>
          </dl>
          <TextField
            id="enrol-code"
            label={t.enrolCodeLabel}
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            error={errorOf("code")}
            {...field("code")}
          />
        </div>
      )}
      <SubmitButton pending={pending} label={t.enrolSubmit} pendingLabel={t.pending} />
    </form>
  );
}
