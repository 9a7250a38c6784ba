"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { submitVerificationDetails } from "@/app/(public)/verify/actions";
import { verifyDetailsSchema, type VerifyDetails, type VerifyDetailsInput } from "@/lib/forms/verify-details";
import { verifyError, type VerifyClientMessages } from "@/lib/i18n/messages/verify";
import { ErrorSummary } from "./error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "./text-field";
import { useVerifyForm } from "./use-verify-form";

const FIELDS = ["bookingRef", "lastName", "dateOfBirth"] as const;

/** Verification step one: booking reference, last name, date of birth. */
export function DetailsForm({ t }: { t: VerifyClientMessages }) {
  const form = useForm<VerifyDetailsInput, unknown, VerifyDetails>({
    resolver: zodResolver(verifyDetailsSchema),
    defaultValues: { bookingRef: "", lastName: "", dateOfBirth: "" },
    shouldFocusError: false,
  });
  const { state, formAction, pending, formRef, summaryRef, onSubmit } = useVerifyForm(form, submitVerificationDetails);
  const errors = form.formState.errors;
  const errorOf = (f: (typeof FIELDS)[number]) => verifyError(t, errors[f]?.message);
  const items = FIELDS.flatMap((f) => (errorOf(f) ? [{ field: f, text: errorOf(f)! }] : []));
  const message = state && state.status !== "ok" && state.status !== "invalid" ? state.message : undefined;

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-6">
      <ErrorSummary
        ref={summaryRef}
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
        className="max-w-xs font-mono uppercase tracking-widest"
        {...form.register("bookingRef")}
      />
      <TextField
        id="lastName"
        label={t.lastName}
        hint={t.lastNameHint}
        error={errorOf("lastName")}
        autoComplete="family-name"
        spellCheck={false}
        maxLength={100}
        className="max-w-md"
        {...form.register("lastName")}
      />
      <TextField
        id="dateOfBirth"
        label={t.dateOfBirth}
        hint={t.dateOfBirthHint}
        error={errorOf("dateOfBirth")}
        autoComplete="bday"
        inputMode="numeric"
        maxLength={10}
        className="max-w-xs"
        {...form.register("dateOfBirth")}
      />
      <SubmitButton size="large" pending={pending} label={t.continue} pendingLabel={t.sending} />
    </form>
  );
}
