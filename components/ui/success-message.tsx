"use client";
import { useFocusOnSignal } from "./focus-on-signal";

// Apart from error-summary.tsx: forms that never confirm anything (verification, agent sign-in) do not ship it.

/** A confirmation after a successful submit; takes focus so it is read out and the next step is near. */
export function SuccessMessage({ text, focusSignal }: { text: string; focusSignal: number }) {
  const ref = useFocusOnSignal<HTMLParagraphElement>(focusSignal);
  return (
    <p
      ref={ref}
      tabIndex={-1}
      role="status"
      className="rounded-md border-l-4 border-emerald-700 bg-emerald-50 p-3 font-medium"
    >
      {text}
    </p>
  );
}
