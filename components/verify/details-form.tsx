"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/actions/result";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import type { VerifyDetails, VerifyDetailsInput } from "@/lib/forms/verify-details";
import { DATE_BOXES, type VerifyFormValues } from "@/lib/forms/verify-fields";
import type { VerifyClientMessages } from "@/lib/i18n/messages/verify";
import { DateInput } from "./date-input";
import { TextField } from "./text-field";

/** The schema loads on first focus or submit, not with the page (lib/forms/lazy-resolver.ts). */
const verifyDetails = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.verifyDetailsResolver));

/** Step one's endpoint (lib/verification/step-one-http.ts): JSON from here, a plain form post without JavaScript. */
const STEP_ONE_URL = "/api/verify/start";
const EMPTY: VerifyFormValues = { bookingRef: "", lastName: "", dobDay: "", dobMonth: "", dobYear: "" };

type StepOneResult = ActionResult & { redirectTo?: string };
export type DetailsFormInitial = { result?: ActionResult; values: VerifyFormValues };

/** Verification step one: booking reference, last name, date of birth (three boxes). */
export function DetailsForm({ t, initial }: { t: VerifyClientMessages; initial?: DetailsFormInitial }) {
  const router = useRouter();
  const form = useForm<VerifyDetailsInput, unknown, VerifyDetails>({
    resolver: verifyDetails.resolver,
    defaultValues: initial?.values ?? EMPTY,
    shouldFocusError: false,
  });
  const post = async (_prev: StepOneResult | undefined, data: unknown): Promise<StepOneResult> => {
    try {
      const res = await fetch(STEP_ONE_URL, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(Object.fromEntries((data as FormData).entries())),
      });
      return (await res.json()) as StepOneResult;
    } catch {
      return { status: "error", message: t.offline };
    }
  };
  const { state, pending, formRef, summarySignal, onSubmit } = useActionForm(form, post, initial?.result);
  const redirectTo = state?.status === "ok" ? (state as StepOneResult).redirectTo : undefined;
  useEffect(() => {
    if (!redirectTo) return;
    // Refresh this page first: the router then keeps it as rendered with the new challenge's typed details, so
    // the back button from the code page finds the form filled in, as "Change" does.
    router.refresh();
    router.push(redirectTo);
  }, [redirectTo, router]);

  // Field errors from the browser's own check, else (first render after a post without JavaScript) the server's.
  const errors = form.formState.errors;
  const errorOf = (f: keyof VerifyFormValues) => {
    const key = errors[f]?.message ?? state?.fieldErrors?.[f]?.[0];
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
  const busy = pending || Boolean(redirectTo);

  return (
    <form
      ref={formRef}
      action={STEP_ONE_URL}
      method="post"
      onSubmit={onSubmit}
      onFocus={verifyDetails.warm}
      noValidate
      className="space-y-6"
      data-keep-on-language-switch=""
    >
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
        defaultValue={initial?.values.bookingRef}
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
        defaultValue={initial?.values.lastName}
        className="max-w-md"
        {...form.register("lastName")}
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
        defaults={initial?.values}
        register={form.register}
      />
      <SubmitButton size="large" pending={busy} label={t.continue} pendingLabel={t.sending} />
    </form>
  );
}
