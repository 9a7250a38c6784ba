"use client";
import { useForm } from "react-hook-form";
import { type ActionFormState, useRhfSubmit } from "@/components/ui/use-action-form";
import { type Restore, useRestoreLazyForm } from "@/components/ui/use-lazy-form";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import type { VerifyLetter, VerifyLetterInput } from "@/lib/forms/verify-letter";
import type { LetterClientMessages } from "@/lib/i18n/messages/letter-rewards";
import { LetterFields, type LetterFormValues } from "./letter-fields";

// import()ed on first use (use-lazy-form.ts); the schema loads on first check (lazy-resolver.ts).
const verifyLetter = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.verifyLetterResolver));

type Props = { t: LetterClientMessages; actionState: ActionFormState<undefined>; restore: Restore };

/** The letter form with react-hook-form: checks every field's shape in the browser before posting. */
export function LetterRhf({ t, actionState, restore }: Props) {
  const v = restore.values;
  const values: LetterFormValues = {
    bookingRef: v.bookingRef ?? "",
    lastName: v.lastName ?? "",
    dobDay: v.dobDay ?? "",
    dobMonth: v.dobMonth ?? "",
    dobYear: v.dobYear ?? "",
    noticeCode: v.noticeCode ?? "",
  };
  const form = useForm<VerifyLetterInput, unknown, VerifyLetter>({
    resolver: verifyLetter.resolver,
    defaultValues: values,
    shouldFocusError: false,
  });
  verifyLetter.warm();
  const onSubmit = useRhfSubmit(form, actionState);
  useRestoreLazyForm(actionState.formRef, restore);
  const clientErrors = Object.fromEntries(Object.entries(form.formState.errors).map(([f, e]) => [f, e?.message]));
  return (
    <LetterFields
      t={t}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, onSubmit }}
      field={(name) => form.register(name)}
      values={values}
      clientErrors={clientErrors}
    />
  );
}
