import "server-only";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/format";
import { format, type Locale } from "@/lib/i18n/locales";
import { monitoringMessages } from "@/lib/i18n/messages/traveller-monitoring";
import { verifyMessages } from "@/lib/i18n/messages/verify";

// Plain-text messages. The subject is stored unencrypted in the queue, so it never carries the code or any
// personal data; the body (encrypted in the queue) does.

export type MailContent = { subject: string; text: string };

function codeSection(locale: Locale, v: { givenName: string; code: string; supportPhone: string | null }): string {
  const t = verifyMessages[locale];
  return [
    format(t.mailGreeting, { name: v.givenName }),
    "",
    format(t.mailBody, { code: v.code }),
    "",
    t.mailIgnore,
    t.mailNever,
    ...(v.supportPhone ? ["", format(t.mailHelp, { phone: v.supportPhone })] : []),
  ].join("\n");
}

/** The code email, in the person's language first and the other official language below. */
export function verificationCodeMail(
  language: string,
  v: { givenName: string; code: string; supportPhone: string | null },
): MailContent {
  const first: Locale = language === "fr" ? "fr" : "en";
  const second: Locale = first === "en" ? "fr" : "en";
  return {
    subject: `${verifyMessages[first].mailSubject} / ${verifyMessages[second].mailSubject}`,
    text: `${codeSection(first, v)}\n\n----------\n\n${codeSection(second, v)}\n`,
  };
}

/** The monitoring confirmation, to the person who enrolled (the guardian for a minor), in their language. */
export function monitoringConfirmationMail(
  language: string,
  v: {
    givenName: string;
    minorInitials: string | null;
    incidentTitle: { en: string; fr: string };
    activationCode: string;
    termEndsOn: string;
    supportPhone: string;
  },
): MailContent {
  const lang: Locale = language === "fr" ? "fr" : "en";
  const m = monitoringMessages[lang].mail;
  const text = [
    format(m.greeting, { name: v.givenName }),
    "",
    v.minorInitials
      ? format(m.bodyGuardian, { initials: v.minorInitials, incident: v.incidentTitle[lang] })
      : format(m.bodySelf, { incident: v.incidentTitle[lang] }),
    "",
    format(m.code, { code: v.activationCode }),
    format(m.term, { date: formatDate(v.termEndsOn, lang) }),
    "",
    format(m.keep, { url: new URL("/my/monitoring", env().PUBLIC_URL).toString() }),
    m.never,
    format(m.help, { phone: v.supportPhone }),
  ].join("\n");
  return { subject: v.minorInitials ? format(m.subjectGuardian, { initials: v.minorInitials }) : m.subject, text };
}
