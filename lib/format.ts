import type { Locale } from "@/lib/i18n/locales";

// Building an Intl.DateTimeFormat loads locale data and costs far more than formatting with one, and a page
// formats several dates: one formatter per locale, made on first use. They hold no request data.
const longDate: Partial<Record<Locale, Intl.DateTimeFormat>> = {};

const longDateFormat = (locale: Locale) =>
  (longDate[locale] ??= new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", {
    dateStyle: "long",
    timeZone: "UTC",
  }));

/** A calendar date (YYYY-MM-DD) in the reader's language, without time-zone drift. */
export function formatDate(isoDate: string, locale: Locale): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return longDateFormat(locale).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

/**
 * A North American phone number as people read it: "1-888-555-0100" in English, "1 888 555-0100" in French
 * (Office québécois de la langue française). Other numbers are returned as given.
 */
export function formatPhone(phone: string, locale: Locale): string {
  const digits = phone.replace(/\D/g, "");
  const m = /^1?(\d{3})(\d{3})(\d{4})$/.exec(digits);
  if (!m) return phone.trim();
  const [, area, exchange, line] = m;
  return locale === "fr" ? `1 ${area} ${exchange}-${line}` : `1-${area}-${exchange}-${line}`;
}

/** The number in the form a `tel:` link dials (E.164 where it can tell). */
export function telHref(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (/^1?\d{10}$/.test(digits)) return `tel:+${digits.length === 10 ? `1${digits}` : digits}`;
  return `tel:${phone.trim().replace(/[^\d+]/g, "")}`;
}
