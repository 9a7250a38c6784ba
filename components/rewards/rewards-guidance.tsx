import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import { CATEGORY_NAMES } from "@/lib/catalogue/categories";
import { format, type Locale } from "@/lib/i18n/locales";
import { rewardsMessages } from "@/lib/i18n/messages/letter-rewards";
import type { RewardsGuidanceDto } from "@/lib/rewards/view";

const card = "rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200";

/**
 * The rewards guidance: the member ID masked, what was involved, that the points are not at risk and how to watch
 * them. `showCategories` for a member on no booking, whose only view this is.
 */
export function RewardsGuidance({
  g,
  locale,
  showCategories,
}: {
  g: RewardsGuidanceDto;
  locale: Locale;
  showCategories: boolean;
}) {
  const t = rewardsMessages[locale];
  const phone = <PhoneLink phone={g.supportPhone} locale={locale} />;
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold leading-tight">{format(t.greeting, { name: g.givenName })}</h1>
        <p className="text-lg">{t.memberTitle}</p>
      </header>
      <section aria-labelledby="rewards-account" className={`${card} space-y-3 border-t-4 border-brand-700`}>
        <h2 id="rewards-account" className="text-xl font-semibold">
          {g.memberIdLast4 ? format(t.memberId, { last4: g.memberIdLast4 }) : t.memberIdUnknown}
        </h2>
        <p>{t.pointsInvolved}</p>
        <p className="font-semibold">{t.pointsSafe}</p>
      </section>
      <section aria-labelledby="rewards-watch" className="space-y-3">
        <h2 id="rewards-watch" className="text-2xl font-semibold">
          {t.watchHeading}
        </h2>
        <ol className="list-decimal space-y-2 pl-6">
          <li>{t.watch1}</li>
          <li>{t.watch2}</li>
          <li>{t.watch3}</li>
          <li>
            <RichText template={t.watch4} values={{ phone }} />
          </li>
        </ol>
      </section>
      {showCategories && (
        <section aria-labelledby="rewards-involved" className="space-y-3">
          <h2 id="rewards-involved" className="text-2xl font-semibold">
            {t.involvedHeading}
          </h2>
          {g.categories.length === 0 ? (
            <p>{t.noneInvolved}</p>
          ) : (
            <ul className="list-disc space-y-1 pl-6">
              {g.categories.map((c) => (
                <li key={c}>{CATEGORY_NAMES[c][locale]}</li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
