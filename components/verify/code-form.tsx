"use client";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { submitVerificationCode } from "@/app/(public)/verify/code/actions";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/ui/use-action-form";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import type { VerifyCode, VerifyCodeInput } from "@/lib/forms/verify-code";
import type { VerifyClientMessages } from "@/lib/i18n/messages/verify";
import { TextField } from "./text-field";

/** The schema loads on first focus or submit, not with the page (lib/forms/lazy-resolver.ts). */
const verifyCode = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.verifyCodeResolver));

/** Verification step two: the 10-digit code. */
export function CodeForm({ t, initialCode }: { t: VerifyClientMessages; initialCode?: string }) {
  const form = useForm<VerifyCodeInput, unknown, VerifyCode>({
    resolver: verifyCode.resolver,
    defaultValues: { code: initialCode ?? "" },
    shouldFocusError: false,
  });
  const { state, formAction, pending, formRef, summarySignal, onSubmit } = useActionForm(form, submitVerificationCode);
  const key = form.formState.errors.code?.message;
  // A message key in the reader's language (an unknown key is shown as it is).
  const error = key ? (t.errors[key] ?? key) : undefined;
  const message = state && state.status !== "ok" && !state.fieldErrors ? state.message : undefined;
  const startAgain = state?.data?.startAgain === true;

  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      onFocus={verifyCode.warm}
      noValidate
      className="space-y-6"
      data-keep-on-language-switch=""
    >
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
        defaultValue={initialCode}
        className="max-w-[12rem] font-mono text-2xl tracking-[0.3em]"
        {...form.register("code")}
      />
      <SubmitButton size="large" pending={pending} label={t.verify} pendingLabel={t.verifying} />
    </form>
  );
}
