import { CATEGORY_NAMES } from "@/lib/catalogue/categories";
import { guidanceFor } from "@/lib/catalogue/guidance";
import type { ExposureDto } from "@/lib/dto/traveller";
import type { Locale } from "@/lib/i18n/locales";
import { travellerMessages } from "@/lib/i18n/messages/traveller";
import { localiseHint } from "@/lib/traveller/detail-hint";
import { Checklist } from "./checklist";

/** One exposed category: its FORMAT.md name, the masked hint, what it means, why it matters, and the checklist. */
export function ExposureCard({ exposure, done, locale }: { exposure: ExposureDto; done: string[]; locale: Locale }) {
  const t = travellerMessages[locale];
  const g = guidanceFor(exposure.category, locale);
  const hint = exposure.detail ? localiseHint(exposure.detail, locale) : null;
  const id = `cat-${exposure.category}`;
  return (
    <article id={`card-${exposure.category}`} aria-labelledby={id} className="scroll-mt-4 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <header className="border-b border-slate-200 bg-slate-50 px-5 py-4">
        <h3 id={id} className="text-lg font-semibold leading-snug">
          {CATEGORY_NAMES[exposure.category][locale]}
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
