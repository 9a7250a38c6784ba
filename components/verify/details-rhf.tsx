"use client";
import { useForm } from "react-hook-form";
import { type ActionFormState, useRhfSubmit } from "@/components/ui/use-action-form";
import { type Restore, useRestoreLazyForm } from "@/components/ui/use-lazy-form";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import type { VerifyDetails, VerifyDetailsInput } from "@/lib/forms/verify-details";
import type { VerifyFormValues } from "@/lib/forms/verify-fields";
import type { VerifyClientMessages } from "@/lib/i18n/messages/verify";
import { DetailsFields } from "./details-fields";

// This module is import()ed on first use (use-lazy-form.ts), so react-hook-form stays out of the page's start;
// the schema (and zod with it) loads the same way, on first check (lazy-resolver.ts).
const verifyDetails = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.verifyDetailsResolver));

type Props = {
  t: VerifyClientMessages;
  actionState: ActionFormState<undefined>;
  formAction: string;
  restore: Restore;
  busy: boolean;
};

/** Step one with react-hook-form: checks every box in the browser before posting. */
export function DetailsRhf({ t, actionState, formAction, restore, busy }: Props) {
  const v = restore.values;
  const values: VerifyFormValues = {
    bookingRef: v.bookingRef ?? "",
    lastName: v.lastName ?? "",
    dobDay: v.dobDay ?? "",
    dobMonth: v.dobMonth ?? "",
    dobYear: v.dobYear ?? "",
  };
  const form = useForm<VerifyDetailsInput, unknown, VerifyDetails>({
    resolver: verifyDetails.resolver,
    defaultValues: values,
    shouldFocusError: false,
  });
  verifyDetails.warm();
  const onSubmit = useRhfSubmit(form, actionState);
  useRestoreLazyForm(actionState.formRef, restore);
  const errors = form.formState.errors;
  const clientErrors = Object.fromEntries(Object.entries(errors).map(([f, e]) => [f, e?.message]));
  return (
    <DetailsFields
      t={t}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: formAction, method: "post", onSubmit }}
      field={(name) => form.register(name)}
      values={values}
      clientErrors={clientErrors}
      busy={busy}
    />
  );
}
