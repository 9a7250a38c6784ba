import type { ComponentProps } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionFormState } from "@/components/ui/use-action-form";
import { DATE_BOXES, type VerifyFormValues } from "@/lib/forms/verify-fields";
import type { VerifyClientMessages } from "@/lib/i18n/messages/verify";
import { DateInput } from "./date-input";
import { TextField } from "./text-field";

export type VerifyField = keyof VerifyFormValues;

type Props = {
  t: VerifyClientMessages;
  actionState: ActionFormState<unknown>;
  /** The form's action and handlers: plain (before react-hook-form loads) or react-hook-form's submit. */
  formProps: ComponentProps<"form">;
  /** Each field's name and handlers: plain, or react-hook-form's `register`. */
  field: (name: VerifyField) => ComponentProps<"input">;
  /** What the boxes start with (a post without JavaScript, "Change", or what was typed before the swap). */
  values?: VerifyFormValues;
  /** react-hook-form's error keys, once it has loaded. */
  clientErrors?: Partial<Record<VerifyField, string>>;
  busy: boolean;
};

/** Step one's markup, the same with or without react-hook-form (details-form.tsx swaps them). */
export function DetailsFields({ t, actionState, formProps, field, values, clientErrors, busy }: Props) {
  const { state, summarySignal } = actionState;
  // Field errors from the browser's own check, else (a post made before react-hook-form, or without JavaScript)
  // the server's.
  const errorOf = (f: VerifyField) => {
    const key = clientErrors?.[f] ?? state?.fieldErrors?.[f]?.[0];
    // A message key in the reader's language (an unknown key is shown as it is).
    return key ? (t.errors[key] ?? key) : undefined;
  };
  const dateBoxes = DATE_BOXES.filter((b) => errorOf(b));
  // One message for the date (the first wrong box's), linked to that box, as the GOV.UK pattern does.
  const dateError = dateBoxes[0] ? errorOf(dateBoxes[0]) : undefined;
  const items = [
    ...(["bookingRef", "lastName"] as const).flatMap((f) => (errorOf(f) ? [{ fieldId: f, text: errorOf(f)! }] : [])),
    ...(dateBoxes[0] && dateError ? [{ fieldId: dateBoxes[0], text: dateError }] : []),
  ];
  const message = state && state.status !== "ok" && state.status !== "invalid" ? state.message : undefined;

  return (
    <form {...formProps} noValidate className="space-y-6" data-keep-on-language-switch="">
      <ErrorSummary
        focusSignal={summarySignal}
        level={2}
        title={state?.status === "limited" ? t.limitedTitle : t.errorSummary}
        items={items}
        message={message}
        tone={state?.status === "limited" ? "calm" : "error"}
      />
      <TextField
        id="bookingRef"
        label={t.bookingRef}
        hint={t.bookingRefHint}
        error={errorOf("bookingRef")}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={12}
        defaultValue={values?.bookingRef}
        className="max-w-xs font-mono uppercase tracking-widest"
        {...field("bookingRef")}
      />
      <TextField
        id="lastName"
        label={t.lastName}
        hint={t.lastNameHint}
        error={errorOf("lastName")}
        autoComplete="family-name"
        spellCheck={false}
        maxLength={100}
        defaultValue={values?.lastName}
        className="max-w-md"
        {...field("lastName")}
      />
      <DateInput
        legend={t.dateOfBirth}
        hint={t.dateOfBirthHint}
        labels={{ dobDay: t.day, dobMonth: t.month, dobYear: t.year }}
        error={dateError}
        invalid={{
          dobDay: dateBoxes.includes("dobDay"),
          dobMonth: dateBoxes.includes("dobMonth"),
          dobYear: dateBoxes.includes("dobYear"),
        }}
        defaults={values}
        field={field}
      />
      <SubmitButton size="large" pending={busy} label={t.continue} pendingLabel={t.sending} />
    </form>
  );
}
