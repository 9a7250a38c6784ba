"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";

type Props = {
  action: (prev: ActionResult | undefined, raw: unknown) => Promise<ActionResult>;
  /** Hidden fields the action parses (ids and choices only). */
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
};

/** One supervisor act on one account or request, as a form (works before JavaScript loads); says what happened. */
export function AccountButton({ action, fields, label, pendingLabel }: Props) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} className="inline-block">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        aria-disabled={pending}
        className="rounded-md border-2 border-brand-700 bg-white px-3 py-1 text-sm font-semibold text-brand-700 hover:bg-brand-50 aria-disabled:cursor-wait"
      >
        {pending ? pendingLabel : label}
      </button>
      {state && (
        <p
          role={state.status === "ok" ? "status" : "alert"}
          className={`mt-1 text-sm font-semibold ${state.status === "ok" ? "" : "text-red-700"}`}
        >
          {state.message}
        </p>
      )}
    </form>
  );
}
