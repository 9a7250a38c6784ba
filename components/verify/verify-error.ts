import type { VerifyClientMessages } from "@/lib/i18n/messages/verify";

// Apart from lib/i18n/messages/verify.ts so the verification forms do not ship that catalogue (both languages,
// email texts included) in the page's JavaScript: they get their one-language slice as props.

/** A field error key in the reader's language (unknown keys are shown as they are). */
export function verifyError(t: VerifyClientMessages, key: string | undefined): string | undefined {
  return key ? (t.errors[key] ?? key) : undefined;
}
