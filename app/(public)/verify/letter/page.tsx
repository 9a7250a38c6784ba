import type { Metadata } from "next";
import Link from "next/link";
import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import { LetterForm } from "@/components/verify/letter-form";
import { getDb } from "@/db/client";
import { homeMessages } from "@/lib/i18n/messages/home";
import { letterClientMessages, letterMessages } from "@/lib/i18n/messages/letter-rewards";
import { verifyClientMessages, verifyMessages } from "@/lib/i18n/messages/verify";
import { getLocale } from "@/lib/i18n/server";
import { readCurrentIncident } from "@/lib/incident/current";

export async function generateMetadata(): Promise<Metadata> {
  return { title: letterMessages[await getLocale()].title };
}

/** "I have a letter": verification with the notice code printed on the person's letter, no email needed. */
export default async function VerifyLetterPage() {
  const locale = await getLocale();
  const v = verifyMessages[locale];
  const t = letterMessages[locale];
  const incident = await readCurrentIncident(await getDb());
  if (!incident) return <p className="rounded-md bg-white p-6 shadow-sm">{v.noIncident}</p>;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold leading-tight">{t.title}</h1>
      <p className="text-lg">{t.intro}</p>
      <section className="rounded-lg bg-white p-5 shadow-sm sm:p-8">
        <LetterForm t={letterClientMessages(verifyClientMessages(v), t)} />
      </section>
      <p>
        <Link href="/verify" className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
          {t.noLetter}
        </Link>
      </p>
      <p className="text-sm text-slate-700">{v.privacyNote}</p>
      <p>
        <RichText
          template={homeMessages[locale].help}
          values={{ phone: <PhoneLink phone={incident.supportPhone} locale={locale} /> }}
        />
      </p>
    </div>
  );
}
