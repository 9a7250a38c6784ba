import "server-only";
import { format, type Locale } from "@/lib/i18n/locales";
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
