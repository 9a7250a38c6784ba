"use client";
import { useForm } from "react-hook-form";
import { type ActionFormState, useRhfSubmit } from "@/components/ui/use-action-form";
import { type Restore, useRestoreLazyForm } from "@/components/ui/use-lazy-form";
import type { FlagCompanionInput, FlagCompanionValues } from "@/lib/forms/flag-companion";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import type { FlagResultData } from "@/lib/traveller/actions";
import { FlagCompanionFields, type FlagCompanionProps } from "./flag-companion-fields";

// This module is import()ed on first use (use-lazy-form.ts), so react-hook-form stays out of the page's start.
const flagCompanion = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.flagCompanionResolver));

type Props = FlagCompanionProps & { actionState: ActionFormState<FlagResultData>; restore: Restore };

/** The flag form with react-hook-form: checks the email in the browser before posting. */
export function FlagCompanionRhf({ actionState, restore, ...view }: Props) {
  const form = useForm<FlagCompanionInput, unknown, FlagCompanionValues>({
    resolver: flagCompanion.resolver,
    defaultValues: { companion: String(view.companionRef), contactEmail: restore.values.contactEmail ?? "" },
    shouldFocusError: false,
  });
  flagCompanion.warm();
  const onSubmit = useRhfSubmit(form, actionState);
  useRestoreLazyForm(actionState.formRef, restore);
  return (
    <FlagCompanionFields
      {...view}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, onSubmit }}
      email={form.register("contactEmail")}
      clientError={form.formState.errors.contactEmail?.message}
    />
  );
}
