"use client";

type Props = { pending: boolean; label: string; pendingLabel: string };

/** The form's main button: announces and shows progress while the server works, and cannot be sent twice. */
export function SubmitButton({ pending, label, pendingLabel }: Props) {
  return (
    <button
      type="submit"
      aria-disabled={pending}
      onClick={(e) => {
        if (pending) e.preventDefault();
      }}
      className="inline-flex min-h-12 items-center gap-2 rounded-md bg-brand-700 px-6 py-3 text-lg font-semibold text-white shadow hover:bg-brand-800 aria-disabled:cursor-wait aria-disabled:opacity-80"
    >
      {pending && <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent" />}
      <span aria-live="polite">{pending ? pendingLabel : label}</span>
    </button>
  );
}
