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
