import type { Metadata } from "next";
import Link from "next/link";
import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import { sessionMessages } from "@/lib/i18n/messages/session";
import { getLocale } from "@/lib/i18n/server";
import { supportPhoneForOutage } from "@/lib/session/support-phone";

export async function generateMetadata(): Promise<Metadata> {
  return { title: sessionMessages[await getLocale()].signedOutPageTitle };
}

type Props = { searchParams: Promise<{ reason?: string }> };

/**
 * Where a traveller lands when their session ends: after "Sign out" (no reason), when the time-out warning signed
 * them out (`inactive`, `time-limit`: components/session/session-timeout.tsx), or when a traveller page found no
 * valid session (`expired`: lib/auth/traveller.ts). It says what happened and what to do next, instead of a bare
 * verification form. Public, and it reads nothing about anyone: the reason is only which message to show.
 */
export default async function SignedOutPage({ searchParams }: Props) {
  const locale = await getLocale();
  const t = sessionMessages[locale];
  const { reason } = await searchParams;
  const [title, body] =
    reason === "inactive"
      ? [t.inactiveTitle, t.inactiveBody]
      : reason === "time-limit"
        ? [t.limitTitle, t.limitBody]
        : reason === "expired"
          ? [t.expiredTitle, t.expiredBody]
          : [t.signedOutTitle, t.signedOutBody];
  // Cached and never failing: this page must also work while the database is away.
  const phone = await supportPhoneForOutage();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold leading-tight">{title}</h1>
      <p className="rounded-md border-l-4 border-brand-600 bg-brand-50 p-4 text-lg">{body}</p>
      <section aria-labelledby="next" className="space-y-4 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="next" className="text-xl font-semibold">
          {t.whatNext}
        </h2>
        <p>{t.continueHint}</p>
        <Link
          href="/verify"
          className="inline-block rounded-md bg-brand-700 px-6 py-3 font-semibold text-white shadow hover:bg-brand-800"
        >
          {t.verifyAgain}
        </Link>
        <p>{t.sharedDevice}</p>
      </section>
      {phone && (
        <p>
          <RichText template={t.help} values={{ phone: <PhoneLink phone={phone} locale={locale} /> }} />
        </p>
      )}
      <p>
        <Link href="/" className="text-brand-700 underline">
          {t.backHome}
        </Link>
      </p>
    </div>
  );
}
