"use client";

type Props = { pending: boolean; label: string; pendingLabel: string; variant?: "primary" | "secondary" };

/** Shows progress while the server works and ignores a second press meanwhile (the server is idempotent too). */
export function SubmitButton({ pending, label, pendingLabel, variant = "primary" }: Props) {
  const look =
    variant === "primary"
      ? "bg-brand-700 text-white shadow hover:bg-brand-800"
      : "border-2 border-brand-700 bg-white text-brand-700 hover:bg-brand-50";
  return (
    <button
      type="submit"
      aria-disabled={pending}
      onClick={(e) => {
        if (pending) e.preventDefault();
      }}
      className={`inline-flex min-h-11 items-center gap-2 rounded-md px-5 py-2.5 font-semibold aria-disabled:cursor-wait aria-disabled:opacity-80 ${look}`}
    >
      {pending && <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-current border-t-transparent" />}
      <span aria-live="polite">{pending ? pendingLabel : label}</span>
    </button>
  );
}
