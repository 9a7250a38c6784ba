"use client";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/ui/use-action-form";
import { TextField } from "@/components/verify/text-field";
import { signInAgentAction } from "@/lib/agent/actions";
import type { AgentSignInInput, AgentSignInValues } from "@/lib/forms/agent-sign-in";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import { formErrorText } from "@/lib/i18n/locales";
import type { SignInFormText } from "@/lib/i18n/messages/agent";

/** The schema loads on first focus or submit, not with the page (lib/forms/lazy-resolver.ts). */
const agentSignIn = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.agentSignInResolver));

/**
 * Agent sign-in: checked in the browser, then again by the server action (same schema), which sets the cookie.
 * `t` is the page's one-language slice, so the catalogue stays out of the browser's JavaScript.
 */
export function AgentSignInForm({ t, notice }: { t: SignInFormText; notice?: string }) {
  const form = useForm<AgentSignInInput, unknown, AgentSignInValues>({
    resolver: agentSignIn.resolver,
    defaultValues: { email: "", password: "" },
    shouldFocusError: false,
  });
  const { state, formAction, pending, formRef, summarySignal, onSubmit } = useActionForm(form, signInAgentAction);
  const errorOf = (field: "email" | "password") =>
    formErrorText(form.formState.errors[field]?.message ?? state?.fieldErrors?.[field]?.[0], t.formErrors);
  const items = (["email", "password"] as const).flatMap((f) => {
    const text = errorOf(f);
    return text ? [{ fieldId: `agent-${f}`, text }] : [];
  });
  const message = state && state.status !== "ok" && state.status !== "invalid" ? state.message : undefined;

  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      onFocus={agentSignIn.warm}
      noValidate
      className="max-w-md space-y-5"
    >
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
        {...form.register("email")}
      />
      <TextField
        id="agent-password"
        label={t.passwordLabel}
        hint={t.passwordHint}
        type="password"
        autoComplete="current-password"
        error={errorOf("password")}
        {...form.register("password")}
      />
      <SubmitButton pending={pending} label={t.signInSubmit} pendingLabel={t.signInPending} />
    </form>
  );
}
