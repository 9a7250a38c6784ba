"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { SuccessMessage } from "@/components/ui/success-message";
import type { ActionResult } from "@/lib/actions/result";

type Action = (prev: ActionResult | undefined, raw: unknown) => Promise<ActionResult>;

/**
 * One case action as a form: hidden fields naming the case (and subject), any fields of its own, a button, and the
 * action's answer under it (a confirmation that takes focus, or an alert). The server re-parses and re-authorises
 * everything; it also works as a plain form post.
 */
export function ActionForm({
  action,
  hidden,
  label,
  pendingLabel,
  children,
  variant = "primary",
  errors,
}: {
  action: Action;
  hidden: Record<string, string>;
  label: string;
  pendingLabel: string;
  children?: React.ReactNode;
  variant?: "primary" | "secondary";
  /** Message keys → text, for the schema's field errors. */
  errors?: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState<ActionResult | undefined, FormData>(action, undefined);
  const fieldErrors = Object.values(state?.fieldErrors ?? {})
    .flat()
    .map((k) => errors?.[k] ?? k);
  return (
    <form action={formAction} className="space-y-3">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <SubmitButton pending={pending} label={label} pendingLabel={pendingLabel} variant={variant} />
      {state?.status === "ok" && state.message && <SuccessMessage text={state.message} focusSignal={1} />}
      {state && state.status !== "ok" && (
        <p role="alert" className="font-semibold text-red-700">
          {fieldErrors.length > 0 ? fieldErrors.join(" ") : state.message}
        </p>
      )}
    </form>
  );
}
