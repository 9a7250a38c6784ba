"use client";
import { useActionState, useId, useOptimistic, useState } from "react";
import { format } from "@/lib/i18n/locales";
import { toggleChecklistItem } from "@/lib/traveller/actions";
import { useHydrated } from "./use-hydrated";

type Item = { key: string; title: string; detail: string };
type Change = { key: string; done: boolean };

const applyChange = (done: string[], c: Change) =>
  c.done ? (done.includes(c.key) ? done : [...done, c.key]) : done.filter((k) => k !== c.key);

/**
 * One category's "what you can do" list. Each item is its own small form posting to the server action, so ticking
 * works before JavaScript loads (the page re-renders with the saved state). Once hydrated, a tick shows at once
 * (useOptimistic) and rolls back with a message if saving fails.
 */
type Props = {
  heading: string;
  headingId: string;
  items: Item[];
  done: string[];
  /** Its texts in the reader's language (from the server: the catalogue stays out of the page's JavaScript). */
  text: { allDone: string; progress: string; saveFailed: string };
};

export function Checklist({ heading, headingId, items, done, text: t }: Props) {
  const hydrated = useHydrated();
  const [optimisticDone, setOptimisticDone] = useOptimistic(done, applyChange);
  const [failed, setFailed] = useState(false);
  const [noJsState, noJsAction] = useActionState(toggleChecklistItem, undefined);
  const baseId = useId();

  async function toggle(data: FormData) {
    setFailed(false);
    setOptimisticDone({ key: String(data.get("itemKey")), done: data.get("done") === "true" });
    const result = await toggleChecklistItem(undefined, data);
    if (result.status !== "ok") setFailed(true);
  }

  const count = items.filter((i) => optimisticDone.includes(i.key)).length;
  const error = failed || (!hydrated && noJsState && noJsState.status !== "ok");

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h4 id={headingId} className="text-sm font-semibold uppercase tracking-wide text-slate-600">
          {heading}
        </h4>
        <p
          className={`text-sm font-medium ${count === items.length ? "text-emerald-800" : "text-slate-700"}`}
          aria-live="polite"
        >
          {count === items.length ? t.allDone : format(t.progress, { done: count, total: items.length })}
        </p>
      </div>
      <ul className="space-y-2" aria-labelledby={headingId}>
        {items.map((item, i) => {
          const checked = optimisticDone.includes(item.key);
          const titleId = `${baseId}-${i}-title`;
          const detailId = `${baseId}-${i}-detail`;
          return (
            <li key={item.key}>
              <form action={hydrated ? toggle : noJsAction}>
                <input type="hidden" name="itemKey" value={item.key} />
                <input type="hidden" name="done" value={String(!checked)} />
                {/* biome-ignore lint/a11y/useSemanticElements: a submit button (works without JavaScript) that reads as a checkbox. */}
                <button
                  type="submit"
                  role="checkbox"
                  aria-checked={checked}
                  aria-labelledby={titleId}
                  aria-describedby={detailId}
                  className={`group flex w-full items-start gap-3 rounded-md border p-3 text-left transition-colors ${
                    checked ? "border-brand-100 bg-brand-50" : "border-slate-300 bg-white hover:border-brand-600"
                  }`}
                >
                  <span
                    aria-hidden="true"
                    className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded border-2 ${
                      checked ? "border-brand-700 bg-brand-700 text-white" : "border-slate-600 bg-white"
                    }`}
                  >
                    {checked && (
                      <svg
                        aria-hidden="true"
                        viewBox="0 0 16 16"
                        className="h-4 w-4"
                        fill="none"
                        stroke="currentColor"
                        strokeWidth="2.5"
                      >
                        <path d="M3 8.5l3.2 3L13 4.5" strokeLinecap="round" strokeLinejoin="round" />
                      </svg>
                    )}
                  </span>
                  <span className="space-y-1">
                    <span id={titleId} className="block font-semibold">
                      {item.title}
                    </span>
                    <span id={detailId} className="block text-slate-700">
                      {item.detail}
                    </span>
                  </span>
                </button>
              </form>
            </li>
          );
        })}
      </ul>
      {error && (
        <p
          role="alert"
          className="rounded-md border-l-4 border-red-700 bg-red-50 p-3 text-sm font-semibold text-red-800"
        >
          {t.saveFailed}
        </p>
      )}
    </div>
  );
}
