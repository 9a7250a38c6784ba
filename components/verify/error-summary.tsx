"use client";
import { forwardRef } from "react";

export type SummaryItem = { field: string; text: string };

type Props = { title: string; items: SummaryItem[]; message?: string; tone?: "error" | "calm" };

/**
 * The box at the top of a form that lists what needs fixing, each a link to its field. It receives focus after a
 * failed submit so screen-reader and keyboard users land on it (WCAG 3.3.1, 2.4.3).
 */
export const ErrorSummary = forwardRef<HTMLDivElement, Props>(function ErrorSummary(
  { title, items, message, tone = "error" },
  ref,
) {
  const extra = message && !items.some((i) => i.text === message) ? message : undefined;
  if (items.length === 0 && !extra) return null;
  const colours = tone === "error" ? "border-red-700 bg-red-50" : "border-amber-600 bg-amber-50";
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
      className={`mb-6 rounded-md border-l-4 p-4 ${colours}`}
    >
      <h2 id="error-summary-title" className="text-lg font-semibold">
        {title}
      </h2>
      {extra && <p className="mt-2">{extra}</p>}
      {items.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {items.map((i) => (
            <li key={i.field}>
              <a
                href={`#${i.field}`}
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
});
