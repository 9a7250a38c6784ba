"use client";
import { useId } from "react";
import { useFocusOnSignal } from "./focus-on-signal";

export type SummaryItem = { fieldId: string; text: string };

type Props = { title: string; items: SummaryItem[]; message?: string; focusSignal: number };

/**
 * What needs fixing, each a link to its field; takes focus after a failed submit (WCAG 3.3.1, 2.4.3). Several
 * can sit on one page (one per companion), so ids come from useId.
 */
export function ErrorSummary({ title, items, message, focusSignal }: Props) {
  const titleId = useId();
  const ref = useFocusOnSignal<HTMLDivElement>(focusSignal);
  const extra = message && !items.some((i) => i.text === message) ? message : undefined;
  if (items.length === 0 && !extra) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={titleId}
      className="rounded-md border-l-4 border-red-700 bg-red-50 p-4"
    >
      <h3 id={titleId} className="font-semibold">
        {title}
      </h3>
      {extra && <p className="mt-1">{extra}</p>}
      {items.length > 0 && (
        <ul className="mt-1 list-disc space-y-1 pl-5">
          {items.map((i) => (
            <li key={i.fieldId}>
              <a
                href={`#${i.fieldId}`}
                className="font-medium text-red-800 underline underline-offset-2 hover:no-underline"
              >
                {i.text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

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
