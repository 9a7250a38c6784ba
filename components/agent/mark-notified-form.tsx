"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { markFlagNotifiedAction } from "@/lib/agent/actions";
import { format, type Locale } from "@/lib/i18n/locales";
import { agentMessages } from "@/lib/i18n/messages/agent";

/**
 * "Mark as contacted": one hidden field (the flag's id, re-parsed and re-checked by the action) and a button. The
 * action sends the agent back to the queue, which confirms at the top; works as a plain form post too.
 */
export function MarkNotifiedForm({ flagId, name, locale }: { flagId: string; name: string; locale: Locale }) {
  const t = agentMessages[locale];
  const [state, formAction, pending] = useActionState(markFlagNotifiedAction, undefined);
  return (
    <form action={formAction} className="space-y-2">
      {state && (
        <p role="alert" className="font-semibold text-red-700">
          {state.message ?? t.formErrors.invalid}
        </p>
      )}
      <input type="hidden" name="flag" value={flagId} />
      <SubmitButton pending={pending} label={format(t.markDone, { name })} pendingLabel={t.markPending} />
    </form>
  );
}
