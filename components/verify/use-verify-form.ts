"use client";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/result";

type Action<D> = (prev: ActionResult<D> | undefined, raw: unknown) => Promise<ActionResult<D>>;

/**
 * Joins react-hook-form (checks in the browser first) with a server action (checks again and does the work):
 * server field errors land in the form, and after any failed submit focus moves to the error summary.
 * Without JavaScript the form still posts to the action directly.
 */
export function useVerifyForm<T extends FieldValues, TOut extends FieldValues, D>(form: UseFormReturn<T, unknown, TOut>, action: Action<D>) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (!state || state.status === "ok") return;
    for (const [field, keys] of Object.entries(state.fieldErrors ?? {})) {
      if (keys[0]) form.setError(field as Path<T>, { type: "server", message: keys[0] });
    }
    setFocusTick((n) => n + 1);
  }, [state, form]);

  useEffect(() => {
    if (focusTick > 0) summaryRef.current?.focus();
  }, [focusTick]);

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    void form.handleSubmit(
      () => {
        const data = new FormData(formRef.current!);
        startTransition(() => formAction(data));
      },
      () => setFocusTick((n) => n + 1),
    )(e);
  };

  return { state, formAction, pending, formRef, summaryRef, onSubmit };
}
