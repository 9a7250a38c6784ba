import type { ComponentProps } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionFormState } from "@/components/ui/use-action-form";
import { DATE_BOXES, type VerifyFormValues } from "@/lib/forms/verify-fields";
import type { LetterClientMessages } from "@/lib/i18n/messages/letter-rewards";
import { DateInput } from "./date-input";
import { TextField } from "./text-field";

export type LetterFormValues = VerifyFormValues & { noticeCode: string };
export type LetterField = keyof LetterFormValues;

type Props = {
  t: LetterClientMessages;
  actionState: ActionFormState<undefined>;
  /** The form's action and handlers: plain (before react-hook-form loads) or react-hook-form's submit. */
  formProps: ComponentProps<"form">;
  /** Each field's name and handlers: plain, or react-hook-form's `register`. */
  field: (name: LetterField) => ComponentProps<"input">;
  values?: Partial<LetterFormValues>;
  /** react-hook-form's error keys, once it has loaded. */
  clientErrors?: Partial<Record<LetterField, string>>;
};

/** "I have a letter": step one's fields and the notice code; the same with or without react-hook-form. */
export function LetterFields({ t, actionState, formProps, field, values, clientErrors }: Props) {
  const { state, summarySignal, pending } = actionState;
  const errorOf = (f: LetterField) => {
    const key = clientErrors?.[f] ?? state?.fieldErrors?.[f]?.[0];
    return key ? (t.errors[key] ?? key) : undefined;
  };
  const dateBoxes = DATE_BOXES.filter((b) => errorOf(b));
  const dateError = dateBoxes[0] ? errorOf(dateBoxes[0]) : undefined;
  const items = [
    ...(["bookingRef", "lastName"] as const).flatMap((f) => (errorOf(f) ? [{ fieldId: f, text: errorOf(f)! }] : [])),
    ...(dateBoxes[0] && dateError ? [{ fieldId: dateBoxes[0], text: dateError }] : []),
    ...(errorOf("noticeCode") ? [{ fieldId: "noticeCode", text: errorOf("noticeCode")! }] : []),
  ];
  // The one answer to every wrong combination (and the limit and failure messages) names no field.
  const message = state && state.status !== "ok" && !state.fieldErrors ? state.message : undefined;

  return (
    <form {...formProps} noValidate className="space-y-6">
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
      <TextField
        id="noticeCode"
        label={t.noticeCode}
        hint={t.noticeCodeHint}
        error={errorOf("noticeCode")}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={20}
        defaultValue={values?.noticeCode}
        className="max-w-xs font-mono uppercase tracking-widest"
        {...field("noticeCode")}
      />
      <SubmitButton size="large" pending={pending} label={t.continue} pendingLabel={t.sending} />
    </form>
  );
}
