import Link from "next/link";
import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import type { Locale } from "@/lib/i18n/locales";
import { rewardsMessages } from "@/lib/i18n/messages/letter-rewards";

/**
 * The one page for a rewards link that cannot be used: used, expired, revoked, unknown or tampered all read the
 * same (nothing here depends on which), and lead to the normal verification.
 */
export function RewardsLinkGone({ locale, supportPhone }: { locale: Locale; supportPhone: string | null }) {
  const t = rewardsMessages[locale];
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold leading-tight">{t.goneTitle}</h1>
      <p className="text-lg">{t.goneBody}</p>
      <p>
        <Link
          href="/verify"
          className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white shadow hover:bg-brand-800"
        >
          {t.goneCta}
        </Link>
      </p>
      {supportPhone && (
        <p>
          <RichText template={t.goneHelp} values={{ phone: <PhoneLink phone={supportPhone} locale={locale} /> }} />
        </p>
      )}
    </div>
  );
}
