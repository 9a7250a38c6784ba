"use client";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/result";

type Action<D> = (prev: ActionResult<D> | undefined, raw: unknown) => Promise<ActionResult<D>>;

/**
 * Joins react-hook-form (checks in the browser first) with a server action or a fetch to a route (checks again and
 * does the work): server field errors land in the form. The returned counters tell the error summary (after any
 * failed submit) or the confirmation (after a success) to take focus once on screen (useFocusOnSignal). Without
 * JavaScript the form posts to the action (or its action URL) directly; `initial` is what such a post came back with.
 */
export function useActionForm<T extends FieldValues, TOut extends FieldValues, D>(
  form: UseFormReturn<T, unknown, TOut>,
  action: Action<D>,
  initial?: ActionResult<D>,
) {
  const [state, formAction, pending] = useActionState<ActionResult<D> | undefined, unknown>(action, initial);
  const formRef = useRef<HTMLFormElement>(null);
  const [summarySignal, setSummarySignal] = useState(0);
  const [successSignal, setSuccessSignal] = useState(0);

  useEffect(() => {
    if (!state) return;
    if (state.status === "ok") {
      setSuccessSignal((n) => n + 1);
      return;
    }
    for (const [field, keys] of Object.entries(state.fieldErrors ?? {})) {
      if (keys[0]) form.setError(field as Path<T>, { type: "server", message: keys[0] });
    }
    setSummarySignal((n) => n + 1);
  }, [state, form]);

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    void form.handleSubmit(
      () => {
        const data = new FormData(formRef.current!);
        startTransition(() => formAction(data));
      },
      () => setSummarySignal((n) => n + 1),
    )(e);
  };

  return { state, formAction, pending, formRef, summarySignal, successSignal, onSubmit };
}
