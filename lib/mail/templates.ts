import "server-only";
import type { MonitoringProviderDto } from "@/lib/dto/incident";
import { formatDate, formatEasternDateTime, formatPhone } from "@/lib/format";
import { format, type Locale } from "@/lib/i18n/locales";
import { mailMessages } from "@/lib/i18n/messages/mail";
import { officialHost } from "@/lib/incident/branding";
import { activateBy } from "@/lib/traveller/provider";
import { sectionBanner } from "./html";

// Plain-text messages, bilingual with the reader's language first (each half under its own banner, which
// lib/mail/html.ts turns into an HTML part with the right `lang`). The subject is stored unencrypted in the queue,
// so it never carries the code or any personal data; the body (encrypted in the queue) does. Every message names
// the organisation and the one official address, so a real message reads differently from a phishing copy.

export type MailContent = { subject: string; text: string };

const readerLocale = (language: string): Locale => (language === "fr" ? "fr" : "en");
const otherLocale = (l: Locale): Locale => (l === "en" ? "fr" : "en");

/** One section per language, the reader's first: "——— Français ———" … "——— English ———" … */
function bilingual(language: string, section: (l: Locale) => string[]): string {
  const first = readerLocale(language);
  return `${[first, otherLocale(first)].map((l) => [sectionBanner(l), "", ...section(l)].join("\n")).join("\n\n")}\n`;
}

const subjectIn = (language: string, subject: (l: Locale) => string) => {
  const first = readerLocale(language);
  return `${subject(first)} / ${subject(otherLocale(first))}`;
};

/** A value alone on its line, indented, so it cannot be misread or mixed with the sentence around it. */
const onItsOwnLine = (value: string) => ["", `    ${value}`, ""];

/** The closing every message shares: the official address, what we never ask, whom to call. */
const closing = (l: Locale, supportPhone: string | null) => {
  const m = mailMessages[l];
  return [
    format(m.official, { host: officialHost() }),
    m.never,
    ...(supportPhone ? [format(m.help, { phone: formatPhone(supportPhone, l) })] : []),
  ];
};

/** "December 2, 2026 at 2:05 p.m. (Eastern time)" / "2 décembre 2026 à 14 h 05 (heure de l’Est)". */
const formatRequestedAt = (at: Date, l: Locale): string =>
  format(mailMessages[l].requestedAt, formatEasternDateTime(at, l));

/** The code email, in the person's language first and the other official language below. */
export function verificationCodeMail(
  language: string,
  v: { organisation: string; givenName: string; code: string; requestedAt: Date; supportPhone: string | null },
): MailContent {
  return {
    subject: subjectIn(language, (l) => format(mailMessages[l].codeSubject, { organisation: v.organisation })),
    text: bilingual(language, (l) => {
      const m = mailMessages[l];
      return [
        format(m.greeting, { name: v.givenName }),
        "",
        format(m.codeIntro, { organisation: v.organisation }),
        ...onItsOwnLine(v.code),
        format(m.codeWhen, { when: formatRequestedAt(v.requestedAt, l) }),
        "",
        m.codeIgnore,
        "",
        ...closing(l, v.supportPhone),
      ];
    }),
  };
}

/**
 * The code an agent sends during a call (lib/agent/callers.ts), for the caller to read back. Not the web's code
 * email: that one says we never ask for a code by phone, which is true of the web's code and would be false here.
 * This one says to give the code only on a call the person placed to the official number.
 */
export function consoleCodeMail(
  language: string,
  v: { organisation: string; givenName: string; code: string; supportPhone: string },
): MailContent {
  return {
    subject: subjectIn(language, (l) => format(mailMessages[l].consoleCodeSubject, { organisation: v.organisation })),
    text: bilingual(language, (l) => {
      const m = mailMessages[l];
      return [
        format(m.greeting, { name: v.givenName }),
        "",
        format(m.consoleCodeIntro, { organisation: v.organisation }),
        ...onItsOwnLine(v.code),
        m.consoleCodeWhen,
        "",
        format(m.consoleCodeWarning, { phone: formatPhone(v.supportPhone, l) }),
        "",
        format(m.official, { host: officialHost() }),
      ];
    }),
  };
}

/**
 * The monitoring confirmation, to the person who enrolled (the guardian for a minor, whose child is named by
 * given name), bilingual. It says plainly that enrolment is finished only once the code is activated with the
 * provider, where, how and by when; without a provider in the bundle, whom to call.
 */
export function monitoringConfirmationMail(
  language: string,
  v: {
    organisation: string;
    givenName: string;
    /** The minor's given name when a guardian enrolled them; null for oneself. */
    childGivenName: string | null;
    incidentTitle: { en: string; fr: string };
    activationCode: string;
    enrolledOn: string;
    termEndsOn: string;
    supportPhone: string;
    provider: MonitoringProviderDto | null;
  },
): MailContent {
  const child = v.childGivenName;
  const subject = subjectIn(language, (l) =>
    format(mailMessages[l][child ? "monitoringSubjectGuardian" : "monitoringSubject"], {
      organisation: v.organisation,
    }),
  );
  const text = bilingual(language, (l) => {
    const m = mailMessages[l];
    const p = v.provider;
    const about = { organisation: v.organisation, incident: v.incidentTitle[l], child: child ?? "" };
    const finish = p
      ? format(child ? m.notFinishedGuardian : m.notFinished, {
          child: child ?? "",
          provider: p.name,
          deadline: formatDate(activateBy(v.enrolledOn, p), l),
        })
      : format(child ? m.notFinishedNoProviderGuardian : m.notFinishedNoProvider, {
          child: child ?? "",
          phone: formatPhone(v.supportPhone, l),
        });
    return [
      format(m.greeting, { name: v.givenName }),
      "",
      format(child ? m.monitoringGuardian : m.monitoringSelf, about),
      "",
      finish,
      ...onItsOwnLine(v.activationCode),
      ...(p ? [format(m.activateHow, { url: p.activationUrl, provider: p.name, phone: formatPhone(p.phone, l) })] : []),
      format(m.term, { date: formatDate(v.termEndsOn, l) }),
      m.seeAgain,
      "",
      ...closing(l, v.supportPhone),
    ];
  });
  return { subject, text };
}
