import type { ComponentProps } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionFormState } from "@/components/ui/use-action-form";
import { TextField } from "@/components/verify/text-field";
import type { RewardsClientMessages } from "@/lib/i18n/messages/letter-rewards";

type Props = {
  t: RewardsClientMessages;
  token: string;
  actionState: ActionFormState<undefined>;
  formProps: ComponentProps<"form">;
  lastName: ComponentProps<"input">;
  defaultLastName?: string;
  clientError?: string;
};

/** The rewards link's confirmation (the Last name), the same with or without react-hook-form. */
export function ConfirmFields({ t, token, actionState, formProps, lastName, defaultLastName, clientError }: Props) {
  const { state, pending, summarySignal } = actionState;
  const key = clientError ?? state?.fieldErrors?.lastName?.[0];
  const error = key ? (t.errors[key] ?? key) : undefined;
  const message = state && state.status !== "ok" && !state.fieldErrors ? state.message : undefined;
  return (
    <form {...formProps} noValidate className="space-y-6">
      <ErrorSummary
        focusSignal={summarySignal}
        level={2}
        title={state?.status === "limited" ? t.limitedTitle : t.errorSummary}
        items={error ? [{ fieldId: "lastName", text: error }] : []}
        message={message}
        tone={state?.status === "limited" ? "calm" : "error"}
      />
      <input type="hidden" name="token" value={token} />
      <TextField
        id="lastName"
        label={t.lastName}
        hint={t.lastNameHint}
        error={error}
        autoComplete="family-name"
        spellCheck={false}
        maxLength={100}
        defaultValue={defaultLastName}
        className="max-w-md"
        {...lastName}
      />
      <SubmitButton size="large" pending={pending} label={t.continue} pendingLabel={t.checking} />
    </form>
  );
}
