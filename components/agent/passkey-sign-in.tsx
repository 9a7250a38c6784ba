"use client";
import { startAuthentication } from "@simplewebauthn/browser";
import { useState, useTransition } from "react";
import { passkeySignInOptionsAction, signInWithPasskeyAction } from "@/lib/agent/passkey-actions";
import type { PASSKEY_SIGN_IN_KEYS, PasskeyText } from "@/lib/i18n/messages/agent-passkeys";
import { runCeremony } from "./passkey-browser";

/**
 * "Use a passkey", the alternative to the three fields: no email is asked (the passkey is discoverable).
 * On success the server action redirects to the console; otherwise the reason is announced.
 */
export function PasskeySignIn({ t }: { t: Pick<PasskeyText, (typeof PASSKEY_SIGN_IN_KEYS)[number]> }) {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const onClick = () =>
    start(async () => {
      setMessage(null);
      const answer = await runCeremony(
        () => passkeySignInOptionsAction(undefined, {}),
        (optionsJSON) => startAuthentication({ optionsJSON }),
      );
      if ("failure" in answer) {
        const f = answer.failure;
        setMessage(f === "not_supported" ? t.notSupported : f === "cancelled" ? t.cancelled : f.message);
        return;
      }
      const result = await signInWithPasskeyAction(undefined, { response: answer.response });
      if (result && result.status !== "ok") setMessage(result.message ?? t.passkeyRefused);
    });
  return (
    <div className="max-w-md space-y-3 border-t border-slate-200 pt-5">
      <p>{t.passkeyIntro}</p>
      <button
        type="button"
        onClick={() => !pending && onClick()}
        aria-disabled={pending}
        className="inline-flex min-h-11 items-center rounded-md border-2 border-brand-700 bg-white px-5 py-2.5 font-semibold text-brand-700 hover:bg-brand-50 aria-disabled:cursor-wait"
      >
        <span aria-live="polite">{pending ? t.signInWithPasskeyPending : t.signInWithPasskey}</span>
      </button>
      {message && (
        <p role="alert" className="rounded-md border-l-4 border-red-700 bg-red-50 p-3 font-semibold text-red-900">
          {message}
        </p>
      )}
    </div>
  );
}
