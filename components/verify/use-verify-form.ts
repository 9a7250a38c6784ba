"use client";
import { startTransition, useActionState, useCallback, useEffect, useRef, useState } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/result";

type Action<D> = (prev: ActionResult<D> | undefined, raw: unknown) => Promise<ActionResult<D>>;

/**
 * Joins react-hook-form (checks in the browser first) with a server action or a fetch to a route (checks again
 * and does the work): server field errors land in the form, and after any failed submit focus moves to the error
 * summary. Without JavaScript the form still posts to the action (or the form's action URL) directly; `initial`
 * is what such a post came back with.
 */
export function useVerifyForm<T extends FieldValues, TOut extends FieldValues, D>(
  form: UseFormReturn<T, unknown, TOut>,
  action: Action<D>,
  initial?: ActionResult<D>,
) {
  const [state, formAction, pending] = useActionState<ActionResult<D> | undefined, unknown>(action, initial);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Set on a failed submit; the summary is focused on the first render that shows it (errors may arrive a render
  // after the failure is known).
  const focusPending = useRef(false);
  const [, setFocusTick] = useState(0);
  const requestFocus = useCallback(() => {
    focusPending.current = true;
    setFocusTick((n) => n + 1);
  }, []);

  useEffect(() => {
    if (!state || state.status === "ok") return;
    for (const [field, keys] of Object.entries(state.fieldErrors ?? {})) {
      if (keys[0]) form.setError(field as Path<T>, { type: "server", message: keys[0] });
    }
    requestFocus();
  }, [state, form, requestFocus]);

  useEffect(() => {
    if (focusPending.current && summaryRef.current) {
      focusPending.current = false;
      summaryRef.current.focus();
    }
  });

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    void form.handleSubmit(
      () => {
        const data = new FormData(formRef.current!);
        startTransition(() => formAction(data));
      },
      () => requestFocus(),
    )(e);
  };

  return { state, formAction, pending, formRef, summaryRef, onSubmit };
}
