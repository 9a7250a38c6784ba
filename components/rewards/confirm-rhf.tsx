"use client";
import { useForm } from "react-hook-form";
import { type ActionFormState, useRhfSubmit } from "@/components/ui/use-action-form";
import { type Restore, useRestoreLazyForm } from "@/components/ui/use-lazy-form";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import type { RewardsConfirm, RewardsConfirmInput } from "@/lib/forms/rewards-confirm";
import type { RewardsClientMessages } from "@/lib/i18n/messages/letter-rewards";
import { ConfirmFields } from "./confirm-fields";

// import()ed on first use (use-lazy-form.ts); the schema loads on first check (lazy-resolver.ts).
const rewardsConfirm = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.rewardsConfirmResolver));

type Props = { t: RewardsClientMessages; token: string; actionState: ActionFormState<undefined>; restore: Restore };

/** The rewards confirmation with react-hook-form: checks the name's shape in the browser before posting. */
export function ConfirmRhf({ t, token, actionState, restore }: Props) {
  const lastName = restore.values.lastName ?? "";
  const form = useForm<RewardsConfirmInput, unknown, RewardsConfirm>({
    resolver: rewardsConfirm.resolver,
    defaultValues: { token, lastName },
    shouldFocusError: false,
  });
  rewardsConfirm.warm();
  const onSubmit = useRhfSubmit(form, actionState);
  useRestoreLazyForm(actionState.formRef, restore);
  return (
    <ConfirmFields
      t={t}
      token={token}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, onSubmit }}
      lastName={form.register("lastName")}
      defaultLastName={lastName}
      clientError={form.formState.errors.lastName?.message}
    />
  );
}
