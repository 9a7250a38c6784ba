import Link from "next/link";
import type { ComponentProps } from "react";
import type { CodeActionData } from "@/app/(public)/verify/code/actions";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionFormState } from "@/components/ui/use-action-form";
import type { VerifyClientMessages } from "@/lib/i18n/messages/verify";
import { TextField } from "./text-field";

type Props = {
  t: VerifyClientMessages;
  actionState: ActionFormState<CodeActionData>;
  /** The form's action and handlers: plain (before react-hook-form loads) or react-hook-form's submit. */
  formProps: ComponentProps<"form">;
  /** The code field's name and handlers: plain, or react-hook-form's `register`. */
  code: ComponentProps<"input">;
  defaultCode?: string;
  /** react-hook-form's error key, once it has loaded. */
  clientError?: string;
};

/** Step two's markup, the same with or without react-hook-form (code-form.tsx swaps them). */
export function CodeFields({ t, actionState, formProps, code, defaultCode, clientError }: Props) {
  const { state, pending, summarySignal } = actionState;
  const key = clientError ?? state?.fieldErrors?.code?.[0];
  // A message key in the reader's language (an unknown key is shown as it is).
  const error = key ? (t.errors[key] ?? key) : undefined;
  const message = state && state.status !== "ok" && !state.fieldErrors ? state.message : undefined;
  const startAgain = state?.data?.startAgain === true;

  return (
    <form {...formProps} noValidate className="space-y-6" data-keep-on-language-switch="">
      <ErrorSummary
        focusSignal={summarySignal}
        level={2}
        title={t.errorSummary}
        items={error ? [{ fieldId: "code", text: error }] : []}
        message={message}
      />
      {startAgain && (
        <p>
          <Link
            href="/verify"
            className="inline-block rounded-md border-2 border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50"
          >
            {t.startAgain}
          </Link>
        </p>
      )}
      <TextField
        id="code"
        label={t.verificationCode}
        hint={t.verificationCodeHint}
        error={error}
        autoComplete="one-time-code"
        inputMode="numeric"
        spellCheck={false}
        maxLength={14}
        defaultValue={defaultCode}
        className="max-w-[12rem] font-mono text-2xl tracking-[0.3em]"
        {...code}
      />
      <SubmitButton size="large" pending={pending} label={t.verify} pendingLabel={t.verifying} />
    </form>
  );
}
