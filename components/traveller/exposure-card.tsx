import { CATEGORY_NAMES, type CategoryCode } from "@/lib/catalogue/categories";
import { guidanceFor } from "@/lib/catalogue/guidance";
import { format, type Locale } from "@/lib/i18n/locales";
import { travellerMessages } from "@/lib/i18n/messages/traveller";
import type { Hint } from "@/lib/traveller/detail-hint";
import { Checklist } from "./checklist";

/**
 * One exposed category: its docs/bundle-format.md name and the masked hint, then, folded in a native disclosure
 * (keyboard and screen readers know it, and it works without JavaScript), what it means, why it matters and the
 * checklist. The summary shows the saved progress, so a folded category still says how far the person got.
 *
 * Rendered on the server: the guidance catalogue and the category names (both languages) stay out of the page's
 * JavaScript. Only the checklist is interactive; it gets this category's items and its few texts in one language.
 */
export function ExposureCard({
  category,
  hint,
  done,
  locale,
}: {
  category: CategoryCode;
  hint: Hint | null;
  done: string[];
  locale: Locale;
}) {
  const t = travellerMessages[locale];
  const g = guidanceFor(category, locale);
  const id = `cat-${category}`;
  const mine = done.filter((k) => g.items.some((i) => i.key === k));
  const name = CATEGORY_NAMES[category][locale];
  return (
    <article
      id={`card-${category}`}
      aria-labelledby={id}
      className="scroll-mt-4 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
    >
      <header className="px-5 pt-4">
        <h3 id={id} className="text-lg font-semibold leading-snug">
          {name}
        </h3>
        {hint && (
          <p className="mt-1 text-slate-700">
            <span className="font-medium">{t.hintLabel}</span>{" "}
            <span lang={hint.lang} className="font-semibold text-slate-900">
              {hint.text}
            </span>
          </p>
        )}
      </header>
      <details className="group mt-3 border-t border-slate-200">
        <summary className="flex min-h-11 cursor-pointer list-none flex-wrap items-center justify-between gap-x-4 gap-y-1 px-5 py-3 font-semibold text-brand-700 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
          <span className="flex items-center gap-2">
            <svg
              aria-hidden="true"
              viewBox="0 0 20 20"
              className="h-5 w-5 shrink-0 transition-transform group-open:rotate-90"
              fill="currentColor"
            >
              <path d="M7.3 4.3a1 1 0 011.4 0l5 5a1 1 0 010 1.4l-5 5a1 1 0 01-1.4-1.4L11.6 10 7.3 5.7a1 1 0 010-1.4z" />
            </svg>
            <span>
              {t.foldSummary}
              <span className="sr-only"> ({name})</span>
            </span>
          </span>
          <span
            className={`text-sm font-medium ${mine.length === g.items.length ? "text-emerald-800" : "text-slate-700"}`}
          >
            {mine.length === g.items.length
              ? t.allDone
              : format(t.progress, { done: mine.length, total: g.items.length })}
          </span>
        </summary>
        {/* A link to this id opens the disclosure (browsers expand a closed details on fragment navigation). */}
        <div id={`${id}-advice`} className="scroll-mt-4 space-y-4 border-t border-slate-200 px-5 py-4">
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <h4 className="text-sm font-semibold uppercase tracking-wide text-slate-600">{t.meaningHeading}</h4>
              <p className="mt-1">{g.meaning}</p>
            </div>
            <div>
              <h4 className="text-sm font-semibold uppercase tracking-wide text-slate-600">{t.whyHeading}</h4>
              <p className="mt-1">{g.why}</p>
            </div>
          </div>
          <Checklist
            heading={t.todoHeading}
            headingId={`${id}-todo`}
            items={g.items}
            done={mine}
            text={{ allDone: t.allDone, progress: t.progress, saveFailed: t.saveFailed }}
          />
        </div>
      </details>
    </article>
  );
}
