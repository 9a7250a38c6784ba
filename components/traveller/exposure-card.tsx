"use client";
import { CATEGORY_NAMES, type CategoryCode } from "@/lib/catalogue/categories";
import { guidanceFor } from "@/lib/catalogue/guidance";
import type { Locale } from "@/lib/i18n/locales";
import { travellerMessages } from "@/lib/i18n/messages/traveller";
import type { Hint } from "@/lib/traveller/detail-hint";
import { Checklist } from "./checklist";

/**
 * One exposed category: its docs/bundle-format.md name, the masked hint, what it means, why it matters, and the checklist.
 *
 * A client component although it has no state of its own: the guidance is the same static catalogue for everyone,
 * so it ships once in the page's JavaScript (cached by the browser) instead of being serialised into every
 * response's RSC payload next to the HTML, which cost more server time than rendering it. Only the person's own
 * facts cross as props: the category code, the masked hint (localised on the server) and the ticked item keys.
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
  return (
    <article
      id={`card-${category}`}
      aria-labelledby={id}
      className="scroll-mt-4 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
    >
      <header className="border-b border-slate-200 bg-slate-50 px-5 py-4">
        <h3 id={id} className="text-lg font-semibold leading-snug">
          {CATEGORY_NAMES[category][locale]}
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
      <div className="space-y-4 px-5 py-4">
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
          done={done.filter((k) => g.items.some((i) => i.key === k))}
          locale={locale}
        />
      </div>
    </article>
  );
}
