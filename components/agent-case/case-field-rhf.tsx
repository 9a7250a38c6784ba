"use client";
import { useEffect } from "react";
import { type FieldValues, type Resolver, useForm } from "react-hook-form";
import { type ActionFormState, useRhfSubmit } from "@/components/ui/use-action-form";
import { type Restore, useRestoreLazyForm } from "@/components/ui/use-lazy-form";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import { CaseFieldFields, type CaseFieldProps } from "./case-field-fields";

// import()ed on first use (use-lazy-form.ts), so react-hook-form stays out of the page's start; the schemas (the
// ones the actions re-parse) load on first check. One component serves both forms, hence the widened types.
const resolvers = {
  code: lazyResolver(() =>
    import("@/lib/forms/resolvers").then((m) => m.caseCodeResolver as unknown as Resolver<FieldValues>),
  ),
  note: lazyResolver(() =>
    import("@/lib/forms/resolvers").then((m) => m.caseNoteResolver as unknown as Resolver<FieldValues>),
  ),
};

type Props = CaseFieldProps & { actionState: ActionFormState<undefined>; restore: Restore };

export function CaseFieldRhf({ actionState, restore, ...view }: Props) {
  const lazy = resolvers[view.kind];
  const value = restore.values[view.kind] ?? "";
  const form = useForm<FieldValues>({
    resolver: lazy.resolver,
    defaultValues: { case: view.caseId, [view.kind]: value },
    shouldFocusError: false,
  });
  lazy.warm();
  const onSubmit = useRhfSubmit(form, actionState);
  useRestoreLazyForm(actionState.formRef, restore);
  // A note once added: an empty box for the next one.
  const { state } = actionState;
  useEffect(() => {
    if (state?.status === "ok" && view.kind === "note") form.reset({ case: view.caseId, note: "" });
  }, [state, view.kind, view.caseId, form]);
  const error = form.formState.errors[view.kind]?.message;
  return (
    <CaseFieldFields
      {...view}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, onSubmit }}
      field={form.register(view.kind)}
      defaultValue={value}
      clientError={typeof error === "string" ? error : undefined}
    />
  );
}
