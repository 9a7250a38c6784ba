import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import { DetailsForm } from "@/components/verify/details-form";
import { getDb } from "@/db/client";
import { homeMessages } from "@/lib/i18n/messages/home";
import { letterMessages } from "@/lib/i18n/messages/letter-rewards";
import { verifyClientMessages, verifyMessages } from "@/lib/i18n/messages/verify";
import { getLocale } from "@/lib/i18n/server";
import { readCurrentIncident } from "@/lib/incident/current";
import { CHALLENGE_COOKIE } from "@/lib/verification/start-challenge";
import { openTypedDetails, TYPED_DETAILS_COOKIE } from "@/lib/verification/typed-details";
import { openVerifyFlash, VERIFY_FLASH_COOKIE } from "@/lib/verification/verify-flash";

export async function generateMetadata(): Promise<Metadata> {
  return { title: verifyMessages[await getLocale()].detailsTitle };
}

type Props = { searchParams: Promise<{ expired?: string; signedOut?: string }> };

/** Verification step one. */
export default async function VerifyDetailsPage({ searchParams }: Props) {
  const locale = await getLocale();
  const t = verifyMessages[locale];
  const query = await searchParams;
  const incident = await readCurrentIncident(await getDb());
  if (!incident) {
    return <p className="rounded-md bg-white p-6 shadow-sm">{t.noIncident}</p>;
  }
  // What a post without JavaScript (or the language switch) came back with: errors and what was typed. Else, coming
  // back from the code page ("Change", the back button), what was typed for the current challenge.
  const jar = await cookies();
  const opened = openVerifyFlash(jar.get(VERIFY_FLASH_COOKIE)?.value);
  const flash = opened?.values ? { result: opened.result, values: opened.values } : null;
  const typed = flash ? null : openTypedDetails(jar.get(CHALLENGE_COOKIE)?.value, jar.get(TYPED_DETAILS_COOKIE)?.value);
  const notice = query.expired ? t.expired : query.signedOut ? t.signedOut : null;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold leading-tight">{t.detailsTitle}</h1>
      {notice && (
        <p role="status" className="rounded-md border-l-4 border-brand-600 bg-brand-50 p-4">
          {notice}
        </p>
      )}
      <p className="text-lg">{t.detailsIntro}</p>
      <p className="rounded-md border-l-4 border-slate-400 bg-white p-4 text-slate-800">{t.whyCode}</p>
      <section className="rounded-lg bg-white p-5 shadow-sm sm:p-8">
        <DetailsForm t={verifyClientMessages(t)} initial={flash ?? (typed ? { values: typed } : undefined)} />
      </section>
      {/* People with no email on file got a letter with a notice code instead (lib/verification/letter.ts). */}
      <div className="space-y-1 rounded-md border-l-4 border-slate-400 bg-white p-4">
        <p>
          <Link
            href="/verify/letter"
            className="font-semibold text-brand-700 underline underline-offset-2 hover:no-underline"
          >
            {letterMessages[locale].haveLetter}
          </Link>
        </p>
        <p className="text-sm text-slate-700">{letterMessages[locale].haveLetterHint}</p>
      </div>
      <p className="text-sm text-slate-700">{t.privacyNote}</p>
      <p>
        <RichText
          template={homeMessages[locale].help}
          values={{ phone: <PhoneLink phone={incident.supportPhone} locale={locale} /> }}
        />
      </p>
    </div>
  );
}
