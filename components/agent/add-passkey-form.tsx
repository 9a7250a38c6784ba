"use client";
import { startRegistration } from "@simplewebauthn/browser";
import { type FormEvent, useState, useTransition } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/verify/text-field";
import type { ActionResult } from "@/lib/actions/result";
import { addPasskeyAction, passkeyRegistrationOptionsAction } from "@/lib/agent/passkey-actions";
import { passkeyNameSchema } from "@/lib/forms/agent-passkeys";
import { formErrorText } from "@/lib/i18n/locales";
import type { PasskeyText } from "@/lib/i18n/messages/agent-passkeys";
import { runCeremony } from "./passkey-browser";

/**
 * Adds a passkey to the signed-in agent's account: the name is checked here with the form's schema (and again by
 * the server), then the browser creates the credential and the server verifies and stores it. WebAuthn needs
 * JavaScript, so this form does too; the page works without it for everything else.
 */
export function AddPasskeyForm({ t }: { t: PasskeyText }) {
  const [nameError, setNameError] = useState<string | undefined>();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    const form = e.currentTarget;
    const parsed = passkeyNameSchema.safeParse(new FormData(form).get("name") ?? "");
    setResult(null);
    if (!parsed.success) {
      setNameError(formErrorText(parsed.error.issues[0]?.message, t.formErrors));
      form.querySelector<HTMLInputElement>("input[name=name]")?.focus();
      return;
    }
    setNameError(undefined);
    start(async () => {
      const answer = await runCeremony(
        () => passkeyRegistrationOptionsAction(undefined, {}),
        (optionsJSON) => startRegistration({ optionsJSON }),
      );
      if ("failure" in answer) {
        const f = answer.failure;
        const message = f === "not_supported" ? t.notSupported : f === "cancelled" ? t.cancelled : f.message;
        setResult({ status: "error", message });
        return;
      }
      const outcome = await addPasskeyAction(undefined, { name: parsed.data, response: answer.response });
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
        error={nameError}
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
