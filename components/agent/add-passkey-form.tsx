"use client";
import { startRegistration } from "@simplewebauthn/browser";
import { type FormEvent, useState, useTransition } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/verify/text-field";
import type { ActionResult } from "@/lib/actions/result";
import { addPasskeyAction, passkeyRegistrationOptionsAction } from "@/lib/agent/passkey-actions";
import { startAddPasskeySchema } from "@/lib/forms/agent-passkeys";
import { formErrorText } from "@/lib/i18n/locales";
import type { PasskeyText } from "@/lib/i18n/messages/agent-passkeys";
import { runCeremony } from "./passkey-browser";

/**
 * Adds a passkey to the signed-in agent's account: the name and the current authenticator code are checked here
 * with the form's schema (and again by the server, which then checks the code), then the browser creates the
 * credential and the server verifies and stores it. WebAuthn needs
 * JavaScript, so this form does too; the page works without it for everything else.
 */
export function AddPasskeyForm({ t }: { t: PasskeyText }) {
  const [errors, setErrors] = useState<{ name?: string; code?: string }>({});
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    const form = e.currentTarget;
    const data = new FormData(form);
    const parsed = startAddPasskeySchema.safeParse({ name: data.get("name") ?? "", code: data.get("code") ?? "" });
    setResult(null);
    if (!parsed.success) {
      const found: { name?: string; code?: string } = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === "code" ? "code" : "name";
        found[field] ??= formErrorText(issue.message, t.formErrors);
      }
      setErrors(found);
      form.querySelector<HTMLInputElement>(`input[name=${found.name ? "name" : "code"}]`)?.focus();
      return;
    }
    setErrors({});
    start(async () => {
      const answer = await runCeremony(
        () => passkeyRegistrationOptionsAction(undefined, parsed.data),
        (optionsJSON) => startRegistration({ optionsJSON }),
      );
      if ("failure" in answer) {
        const f = answer.failure;
        const message = f === "not_supported" ? t.notSupported : f === "cancelled" ? t.cancelled : f.message;
        setResult({ status: "error", message });
        return;
      }
      const outcome = await addPasskeyAction(undefined, { name: parsed.data.name, response: answer.response });
      setResult(outcome);
      if (outcome.status === "ok") form.reset();
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
      <TextField
        id="passkey-name"
        name="name"
        label={t.nameLabel}
        hint={t.nameHint}
        maxLength={80}
        autoComplete="off"
        error={errors.name}
      />
      <TextField
        id="passkey-code"
        name="code"
        label={t.codeLabel}
        hint={t.addCodeHint}
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
        error={errors.code}
      />
      <SubmitButton pending={pending} label={t.addSubmit} pendingLabel={t.addPending} />
      {result?.message && (
        <p
          role={result.status === "ok" ? "status" : "alert"}
          className={`rounded-md p-3 font-semibold ${result.status === "ok" ? "bg-emerald-50 text-emerald-900" : "border-l-4 border-red-700 bg-red-50 text-red-900"}`}
        >
          {result.message}
        </p>
      )}
    </form>
  );
}
