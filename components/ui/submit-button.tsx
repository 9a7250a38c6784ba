"use client";

type Props = {
  pending: boolean;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary";
  /** "large" for a page's single main action (the verification steps). */
  size?: "regular" | "large";
};

/**
 * Every form's submit button: announces and shows progress while the server works, and ignores a second press
 * meanwhile (the actions are idempotent too). aria-disabled, not disabled, so it keeps focus and stays readable.
 */
export function SubmitButton({ pending, label, pendingLabel, variant = "primary", size = "regular" }: Props) {
  const look =
    variant === "primary"
      ? "bg-brand-700 text-white shadow hover:bg-brand-800"
      : "border-2 border-brand-700 bg-white text-brand-700 hover:bg-brand-50";
  const scale = size === "large" ? "min-h-12 px-6 py-3 text-lg" : "min-h-11 px-5 py-2.5";
  return (
    <button
      type="submit"
      aria-disabled={pending}
      onClick={(e) => {
        if (pending) e.preventDefault();
      }}
      className={`inline-flex items-center gap-2 rounded-md font-semibold aria-disabled:cursor-wait aria-disabled:opacity-80 ${scale} ${look}`}
    >
      {pending && (
        <span
          aria-hidden="true"
          className="h-4 w-4 animate-spin rounded-full border-2 border-current border-t-transparent"
        />
      )}
      <span aria-live="polite">{pending ? pendingLabel : label}</span>
    </button>
  );
}
