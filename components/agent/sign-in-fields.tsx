import type { ComponentProps } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionFormState } from "@/components/ui/use-action-form";
import { TextField } from "@/components/verify/text-field";
import { formErrorText } from "@/lib/i18n/locales";
import type { SignInFormText } from "@/lib/i18n/messages/agent";

export type SignInField = "email" | "password" | "code";

type Props = {
  t: SignInFormText;
  notice?: string;
  actionState: ActionFormState<undefined>;
  /** The form's action and handlers: plain (before react-hook-form loads) or react-hook-form's submit. */
  formProps: ComponentProps<"form">;
  /** Each field's name and handlers: plain, or react-hook-form's `register`. */
  field: (name: SignInField) => ComponentProps<"input">;
  /** react-hook-form's error keys, once it has loaded. */
  clientErrors?: Partial<Record<SignInField, string>>;
};

/** The agent sign-in form's markup, the same with or without react-hook-form (sign-in-form.tsx swaps them). */
export function SignInFields({ t, notice, actionState, formProps, field, clientErrors }: Props) {
  const { state, pending, summarySignal } = actionState;
  const errorOf = (f: SignInField) => formErrorText(clientErrors?.[f] ?? state?.fieldErrors?.[f]?.[0], t.formErrors);
  const items = (["email", "password", "code"] as const).flatMap((f) => {
    const text = errorOf(f);
    return text ? [{ fieldId: `agent-${f}`, text }] : [];
  });
  const message = state && state.status !== "ok" && state.status !== "invalid" ? state.message : undefined;

  return (
    <form {...formProps} noValidate className="max-w-md space-y-5">
      <ErrorSummary focusSignal={summarySignal} title={t.errorSummaryTitle} items={items} message={message} />
      {notice && !state && (
        <p role="status" className="rounded-md bg-brand-50 p-3">
          {notice}
        </p>
      )}
      <TextField
        id="agent-email"
        label={t.emailLabel}
        type="email"
        autoComplete="username"
        spellCheck={false}
        error={errorOf("email")}
        {...field("email")}
      />
      <TextField
        id="agent-password"
        label={t.passwordLabel}
        hint={t.passwordHint}
        type="password"
        autoComplete="current-password"
        error={errorOf("password")}
        {...field("password")}
      />
      <TextField
        id="agent-code"
        label={t.codeLabel}
        hint={t.codeHint}
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
        error={errorOf("code")}
        {...field("code")}
      />
      <SubmitButton pending={pending} label={t.signInSubmit} pendingLabel={t.signInPending} />
    </form>
  );
}
