import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import { CodeForm } from "@/components/verify/code-form";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { format } from "@/lib/i18n/locales";
import { commonMessages } from "@/lib/i18n/messages/common";
import { verifyClientMessages, verifyMessages } from "@/lib/i18n/messages/verify";
import { getLocale } from "@/lib/i18n/server";
import { readCurrentIncident } from "@/lib/incident/current";
import { sweepAfterResponse } from "@/lib/verification/background";
import { CHALLENGE_COOKIE } from "@/lib/verification/start-challenge";
import { limitedMessage } from "@/lib/verification/step-one-http";
import { openTypedDetails, summariseTyped, TYPED_DETAILS_COOKIE } from "@/lib/verification/typed-details";
import { openVerifyFlash, VERIFY_FLASH_COOKIE } from "@/lib/verification/verify-flash";

export async function generateMetadata(): Promise<Metadata> {
  return { title: verifyMessages[await getLocale()].codeTitle };
}

/** The sender's address without the display name, for "the code comes from …". */
const senderAddress = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from;

type Props = { searchParams: Promise<{ resend?: string; wait?: string }> };

const linkClass = "font-medium text-brand-700 underline underline-offset-2 hover:no-underline";

/**
 * Verification step two. It says the same thing whether or not the details matched anyone: the portal itself
 * may not know yet (matching runs after step one's response). It shows what was typed (from the sealed
 * typed-details cookie), so a mistype is seen and changed rather than waited on, and offers a new code for the
 * same details (POST /verify/resend).
 */
export default async function VerifyCodePage({ searchParams }: Props) {
  const locale = await getLocale();
  const t = verifyMessages[locale];
  const jar = await cookies();
  const challengeId = jar.get(CHALLENGE_COOKIE)?.value;
  const typed = openTypedDetails(challengeId, jar.get(TYPED_DETAILS_COOKIE)?.value);
  const entered = typed ? summariseTyped(typed, locale) : null;
  // A code half typed before switching language (lib/i18n/actions.ts).
  const keptCode = openVerifyFlash(jar.get(VERIFY_FLASH_COOKIE)?.value)?.code;
  const query = await searchParams;
  const incident = await readCurrentIncident(await getDb());
  // Finish any challenge an instance left pending (crash, restart), without making this page wait for it.
  sweepAfterResponse();
  const phone = incident?.supportPhone;
  const resendNotice =
    query.resend === "sent"
      ? { tone: "calm", text: t.resendSent }
      : query.resend === "limited"
        ? { tone: "warn", text: await limitedMessage(locale, Number(query.wait) || 60) }
        : query.resend === "failed"
          ? { tone: "warn", text: commonMessages[locale].genericError }
          : null;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold leading-tight">{t.codeTitle}</h1>
      {challengeId ? (
        <>
          {resendNotice && (
            <p
              role="status"
              className={`rounded-md border-l-4 p-4 ${resendNotice.tone === "calm" ? "border-emerald-700 bg-emerald-50" : "border-amber-600 bg-amber-50"}`}
            >
              {resendNotice.text}
            </p>
          )}
          <div className="space-y-3 rounded-md border-l-4 border-brand-600 bg-brand-50 p-4">
            {entered && (
              <p>
                {t.youEntered}{" "}
                <strong className="font-semibold">
                  <span className="font-mono tracking-wider">{entered.bookingRef}</span> · {entered.lastName} ·{" "}
                  <span className="whitespace-nowrap">{entered.dateOfBirth}</span>
                </strong>{" "}
                —{" "}
                <Link href="/verify" className={linkClass}>
                  {t.change}
                  <span className="sr-only"> {t.changeHidden}</span>
                </Link>
              </p>
            )}
            <p className="text-lg">{t.codeSent}</p>
            <p>
              {phone ? (
                <RichText template={t.codeHelp} values={{ phone: <PhoneLink phone={phone} locale={locale} /> }} />
              ) : (
                t.codeHelpNoPhone
              )}
            </p>
          </div>
          <p className="text-sm text-slate-700">{format(t.codeWhere, { from: senderAddress(env().MAIL_FROM) })}</p>
          <section className="rounded-lg bg-white p-5 shadow-sm sm:p-8">
            <CodeForm t={verifyClientMessages(t)} initialCode={keptCode} />
          </section>
          {entered ? (
            <form method="post" action="/verify/resend" className="space-y-3">
              <p className="text-slate-800">{t.resendHint}</p>
              <button
                type="submit"
                className="rounded-md border-2 border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50"
              >
                {t.sendNewCode}
              </button>
            </form>
          ) : (
            <p>
              <Link href="/verify" className={linkClass}>
                {t.startAgain}
              </Link>
            </p>
          )}
        </>
      ) : (
        <div className="space-y-4">
          <p role="status" className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-4">
            {t.noChallenge}
          </p>
          <p>
            {phone ? (
              <RichText template={t.codeHelp} values={{ phone: <PhoneLink phone={phone} locale={locale} /> }} />
            ) : (
              t.codeHelpNoPhone
            )}
          </p>
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
