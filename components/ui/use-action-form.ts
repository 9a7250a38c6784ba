"use client";
import { startTransition, useActionState, useCallback, useEffect, useRef, useState } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/result";

type Action<D> = (prev: ActionResult<D> | undefined, raw: unknown) => Promise<ActionResult<D>>;

/**
 * The server side of a form, without react-hook-form: the action's state, and counters that tell the error summary
 * (after any failed submit) or the confirmation (after a success) to take focus once on screen (useFocusOnSignal).
 * Without JavaScript, or before react-hook-form has loaded (use-lazy-form.ts), the form posts to the action
 * directly; `initial` is what such a post came back with.
 */
export function useActionFormState<D>(action: Action<D>, initial?: ActionResult<D>) {
  const [state, formAction, pending] = useActionState<ActionResult<D> | undefined, unknown>(action, initial);
  const formRef = useRef<HTMLFormElement>(null);
  const [summarySignal, setSummarySignal] = useState(0);
  const [successSignal, setSuccessSignal] = useState(0);
  const showSummary = useCallback(() => setSummarySignal((n) => n + 1), []);

  useEffect(() => {
    if (!state) return;
    if (state.status === "ok") setSuccessSignal((n) => n + 1);
    else setSummarySignal((n) => n + 1);
  }, [state]);

  return { state, formAction, pending, formRef, summarySignal, successSignal, showSummary };
}

export type ActionFormState<D> = ReturnType<typeof useActionFormState<D>>;

/**
 * Joins react-hook-form (checks in the browser first) to the action's state: server field errors land in the form,
 * a submit posts only once the browser's check passes.
 */
export function useRhfSubmit<T extends FieldValues, TOut extends FieldValues, D>(
  form: UseFormReturn<T, unknown, TOut>,
  { state, formAction, pending, formRef, showSummary }: ActionFormState<D>,
) {
  useEffect(() => {
    if (!state || state.status === "ok") return;
    for (const [field, keys] of Object.entries(state.fieldErrors ?? {})) {
      if (keys[0]) form.setError(field as Path<T>, { type: "server", message: keys[0] });
    }
  }, [state, form]);

  return (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    void form.handleSubmit(() => {
      const data = new FormData(formRef.current!);
      startTransition(() => formAction(data));
    }, showSummary)(e);
  };
}
