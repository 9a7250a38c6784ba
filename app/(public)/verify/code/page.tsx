import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { CodeForm } from "@/components/verify/code-form";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { format } from "@/lib/i18n/locales";
import { verifyClientMessages, verifyMessages } from "@/lib/i18n/messages/verify";
import { getLocale } from "@/lib/i18n/server";
import { readCurrentIncident } from "@/lib/incident/current";
import { sweepAfterResponse } from "@/lib/verification/background";
import { CHALLENGE_COOKIE } from "@/lib/verification/start-challenge";

export async function generateMetadata(): Promise<Metadata> {
  return { title: verifyMessages[await getLocale()].codeTitle };
}

/** The sender's address without the display name, for "the email comes from …". */
const senderAddress = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from;

/**
 * Verification step two. It says the same thing whether or not the details matched anyone: the portal itself
 * may not know yet (matching runs after step one's response).
 */
export default async function VerifyCodePage() {
  const locale = await getLocale();
  const t = verifyMessages[locale];
  const hasChallenge = Boolean((await cookies()).get(CHALLENGE_COOKIE)?.value);
  const incident = await readCurrentIncident(await getDb());
  // Finish any challenge an instance left pending (crash, restart), without making this page wait for it.
  sweepAfterResponse();
  const phone = incident?.supportPhone;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold leading-tight">{t.codeTitle}</h1>
      {hasChallenge ? (
        <>
          <div className="space-y-3 rounded-md border-l-4 border-brand-600 bg-brand-50 p-4">
            <p className="text-lg">{t.codeSent}</p>
            <p>{phone ? format(t.codeHelp, { phone }) : t.codeHelpNoPhone}</p>
          </div>
          <p className="text-sm text-slate-700">{format(t.codeWhere, { from: senderAddress(env().MAIL_FROM) })}</p>
          <section className="rounded-lg bg-white p-5 shadow-sm sm:p-8">
            <CodeForm t={verifyClientMessages(t)} />
          </section>
          <div className="flex flex-wrap gap-x-6 gap-y-3">
            <Link href="/verify" className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
              {t.sendNewCode}
            </Link>
            <Link href="/verify" className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
              {t.startAgain}
            </Link>
          </div>
        </>
      ) : (
        <div className="space-y-4">
          <p role="status" className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-4">
            {t.noChallenge}
          </p>
          <p>{phone ? format(t.codeHelp, { phone }) : t.codeHelpNoPhone}</p>
          <Link
            href="/verify"
            className="inline-block rounded-md bg-brand-700 px-6 py-3 text-lg font-semibold text-white shadow hover:bg-brand-800"
          >
            {t.startAgain}
          </Link>
        </div>
      )}
    </div>
  );
}
