"use client";
import { useEffect, useId } from "react";
import { errorTitleMessages } from "@/lib/i18n/messages/error-title";
import { useFocusOnSignal } from "./focus-on-signal";

export type SummaryItem = { fieldId: string; text: string };

type Props = {
  title: string;
  items: SummaryItem[];
  message?: string;
  /** Raised after each failed submit (useActionFormState's summarySignal): the summary then takes focus. */
  focusSignal: number;
  /** The heading's level: h2 for a page's only form, h3 for one of several (one per companion). */
  level?: 2 | 3;
  tone?: "error" | "calm";
};

// How many error summaries are on screen: several forms can fail on one page, the title says "Error:" once.
let shown = 0;

const prefixFor = () => errorTitleMessages[document.documentElement.lang === "fr" ? "fr" : "en"].prefix;

/**
 * While any error summary is on screen the page title starts with "Error: " ("Erreur : "), so the first thing a
 * screen reader or the browser tab says after a failed submit is that it failed (the GOV.UK pattern). Put back
 * when the last summary goes.
 */
function useErrorTitle(active: boolean, focusSignal: number) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: each failed submit (focusSignal) re-checks the title.
  useEffect(() => {
    if (!active) return;
    shown++;
    const prefix = prefixFor();
    if (!document.title.startsWith(prefix)) document.title = `${prefix}${document.title}`;
    return () => {
      shown--;
      if (shown === 0 && document.title.startsWith(prefix)) document.title = document.title.slice(prefix.length);
    };
  }, [active, focusSignal]);
}

/**
 * What needs fixing, each a link to its field; takes focus after a failed submit (WCAG 3.3.1, 2.4.3). Several
 * can sit on one page, so ids come from useId.
 */
export function ErrorSummary({ title, items, message, focusSignal, level = 3, tone = "error" }: Props) {
  const titleId = useId();
  const ref = useFocusOnSignal<HTMLDivElement>(focusSignal);
  const extra = message && !items.some((i) => i.text === message) ? message : undefined;
  useErrorTitle(items.length > 0 || !!extra, focusSignal);
  if (items.length === 0 && !extra) return null;
  const Heading = level === 2 ? "h2" : "h3";
  const colours = tone === "error" ? "border-red-700 bg-red-50" : "border-amber-600 bg-amber-50";
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={titleId}
      className={`rounded-md border-l-4 p-4 ${colours} ${level === 2 ? "mb-6" : ""}`}
    >
      <Heading id={titleId} className={level === 2 ? "text-lg font-semibold" : "font-semibold"}>
        {title}
      </Heading>
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
