"use client";
import { startAuthentication } from "@simplewebauthn/browser";
import { useActionState, useState, useTransition } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/verify/text-field";
import type { ActionResult } from "@/lib/actions/result";
import {
  passkeyConfirmOptionsAction,
  removePasskeyWithCodeAction,
  removePasskeyWithPasskeyAction,
} from "@/lib/agent/passkey-actions";
import { format, formErrorText } from "@/lib/i18n/locales";
import type { PasskeyText } from "@/lib/i18n/messages/agent-passkeys";
import { runCeremony } from "./passkey-browser";

/**
 * Removing one passkey, confirmed by the authenticator code (a plain form: works before JavaScript loads) or by
 * one of the agent's passkeys. The server checks the proof; this only collects it.
 */
export function RemovePasskeyForm({ passkey, t }: { passkey: { id: string; name: string }; t: PasskeyText }) {
  const [codeState, codeAction, codePending] = useActionState(removePasskeyWithCodeAction, undefined);
  const [passkeyState, setPasskeyState] = useState<ActionResult | null>(null);
  const [passkeyPending, start] = useTransition();
  const state = passkeyState ?? codeState;
  const codeError = formErrorText(codeState?.fieldErrors?.code?.[0], t.formErrors);
  const id = `remove-${passkey.id}`;
  const withPasskey = () =>
    start(async () => {
      setPasskeyState(null);
      const answer = await runCeremony(
        () => passkeyConfirmOptionsAction(undefined, {}),
        (optionsJSON) => startAuthentication({ optionsJSON }),
      );
      if ("failure" in answer) {
        const f = answer.failure;
        setPasskeyState({
          status: "error",
          message: f === "not_supported" ? t.notSupported : f === "cancelled" ? t.cancelled : f.message,
        });
        return;
      }
      setPasskeyState(
        await removePasskeyWithPasskeyAction(undefined, { passkey: passkey.id, response: answer.response }),
      );
    });
  return (
    <form action={codeAction} onSubmit={() => setPasskeyState(null)} noValidate className="space-y-3">
      <fieldset className="space-y-3">
        <legend className="font-semibold">{format(t.removeHeading, { name: passkey.name })}</legend>
        <input type="hidden" name="passkey" value={passkey.id} />
        <TextField
          id={`${id}-code`}
          name="code"
          label={t.codeLabel}
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          error={codeError}
        />
        <div className="flex flex-wrap gap-3">
          <SubmitButton
            pending={codePending}
            label={t.removeWithCode}
            pendingLabel={t.removePending}
            variant="secondary"
          />
          <button
            type="button"
            onClick={() => !passkeyPending && withPasskey()}
            aria-disabled={passkeyPending}
            className="inline-flex min-h-11 items-center rounded-md border-2 border-brand-700 bg-white px-5 py-2.5 font-semibold text-brand-700 hover:bg-brand-50 aria-disabled:cursor-wait"
          >
            <span aria-live="polite">{passkeyPending ? t.removePending : t.removeWithPasskey}</span>
          </button>
        </div>
      </fieldset>
      {state?.message && (
        <p
          role={state.status === "ok" ? "status" : "alert"}
          className={`font-semibold ${state.status === "ok" ? "text-emerald-900" : "text-red-700"}`}
        >
          {state.message}
        </p>
      )}
    </form>
  );
}
