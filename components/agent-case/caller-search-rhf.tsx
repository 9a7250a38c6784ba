"use client";
import { useForm } from "react-hook-form";
import { type ActionFormState, useRhfSubmit } from "@/components/ui/use-action-form";
import { type Restore, useRestoreLazyForm } from "@/components/ui/use-lazy-form";
import type { SearchData } from "@/lib/agent/console-actions";
import type { CallerSearchInput, CallerSearchValues } from "@/lib/forms/agent-case";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import { CallerSearchFields, type CallerSearchProps } from "./caller-search-fields";

// import()ed on first use (use-lazy-form.ts), so react-hook-form stays out of the page's start.
const search = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.callerSearchResolver));

type Props = CallerSearchProps & { actionState: ActionFormState<SearchData>; restore: Restore };

/** The search with react-hook-form: checks the shape (a 6-character reference, an email) before asking the server. */
export function CallerSearchRhf({ actionState, restore, ...view }: Props) {
  const defaults = { kind: restore.values.kind ?? "booking", value: restore.values.value ?? "" };
  const form = useForm<CallerSearchInput, unknown, CallerSearchValues>({
    resolver: search.resolver,
    defaultValues: defaults as CallerSearchInput,
    shouldFocusError: false,
  });
  search.warm();
  const onSubmit = useRhfSubmit(form, actionState);
  useRestoreLazyForm(actionState.formRef, restore);
  return (
    <CallerSearchFields
      {...view}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, onSubmit }}
      kind={form.register("kind")}
      value={form.register("value")}
      defaults={defaults}
      clientErrors={{ kind: form.formState.errors.kind?.message, value: form.formState.errors.value?.message }}
    />
  );
}
