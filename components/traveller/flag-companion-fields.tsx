import type { ComponentProps } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { SuccessMessage } from "@/components/ui/success-message";
import type { ActionFormState } from "@/components/ui/use-action-form";
import { format, formErrorText } from "@/lib/i18n/locales";
import type { TravellerFormText } from "@/lib/i18n/messages/traveller";
import type { CompanionMessages } from "@/lib/i18n/messages/traveller-companions";
import type { FlagResultData } from "@/lib/traveller/actions";

export type FlagCompanionProps = {
  companionRef: number;
  initials: string;
  hasEmailOnFile: boolean;
  flagged: boolean;
  /** The address this traveller already gave for them, masked; null when none. */
  givenAddress: string | null;
  t: CompanionMessages;
  tt: TravellerFormText;
};

type ViewProps = FlagCompanionProps & {
  actionState: ActionFormState<FlagResultData>;
  /** The form's action and handlers: plain (before react-hook-form loads) or react-hook-form's submit. */
  formProps: ComponentProps<"form">;
  /** The email field's name and handlers: plain, or react-hook-form's `register`. */
  email: ComponentProps<"input">;
  /** react-hook-form's error key for the email, once it has loaded. */
  clientError?: string;
};

/** The flag form's markup, the same with or without react-hook-form (flag-companion-form.tsx swaps them). */
export function FlagCompanionFields({
  companionRef,
  initials,
  hasEmailOnFile,
  flagged,
  givenAddress,
  t,
  tt,
  actionState: { state, pending, summarySignal, successSignal },
  formProps,
  email,
  clientError,
}: ViewProps) {
  const emailId = `companion-${companionRef}-email`;
  // Server errors too, so a post made before react-hook-form (or without JavaScript) still shows them.
  const emailError = formErrorText(clientError ?? state?.fieldErrors?.contactEmail?.[0], tt.formErrors);
  // A server refusal, or an invalid hidden field (never the person's fault): a general message, not a field error.
  const message =
    state && state.status !== "ok" && state.status !== "invalid"
      ? state.message
      : state?.fieldErrors?.companion
        ? tt.saveFailed
        : undefined;
  // What was just sent wins over what the page was rendered with (the page re-renders too, a moment later).
  const saved = (state?.status === "ok" ? state.data?.givenAddress : null) ?? givenAddress;
  const hintIds = [saved ? `${emailId}-saved` : null, `${emailId}-hint`, emailError ? `${emailId}-error` : null];

  return (
    <form {...formProps} noValidate className="space-y-4">
      <ErrorSummary
        focusSignal={summarySignal}
        title={tt.errorSummaryTitle}
        items={emailError ? [{ fieldId: emailId, text: emailError }] : []}
        message={message}
      />
      {state?.status === "ok" && state.message && <SuccessMessage text={state.message} focusSignal={successSignal} />}
      <p className="text-slate-700">{flagged ? t.flaggedIntro : t.flagIntro}</p>
      {/* A plain value (not registered): react-hook-form sets registered values only after hydration. */}
      <input type="hidden" name="companion" value={String(companionRef)} />
      {!hasEmailOnFile && (
        <div className={`space-y-1.5 ${emailError ? "border-l-4 border-red-700 pl-3" : ""}`}>
          <label htmlFor={emailId} className="block font-semibold">
            {format(t.emailLabel, { initials })}
          </label>
          {saved && (
            <p id={`${emailId}-saved`} className="font-medium">
              {format(t.emailSaved, { address: saved })}
            </p>
          )}
          <p id={`${emailId}-hint`} className="text-sm text-slate-700">
            {saved ? t.emailHintSaved : flagged ? t.emailHintUpdate : t.emailHint}
          </p>
          {emailError && (
            <p id={`${emailId}-error`} className="text-sm font-semibold text-red-700">
              {emailError}
            </p>
          )}
          <input
            id={emailId}
            type="email"
            autoComplete="off"
            spellCheck={false}
            maxLength={254}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={hintIds.filter(Boolean).join(" ")}
            className={`block min-h-11 w-full max-w-md rounded-md border-2 bg-white px-3 py-2 ${emailError ? "border-red-700" : "border-slate-500"}`}
            {...email}
          />
        </div>
      )}
      {!(flagged && hasEmailOnFile) && (
        <SubmitButton
          pending={pending}
          label={format(flagged ? t.flagAgain : t.flagSubmit, { initials })}
          pendingLabel={t.flagPending}
          variant={flagged ? "secondary" : "primary"}
        />
      )}
    </form>
  );
}
