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

// Wall-clock times are shown in Eastern time, the zone most Canadians use, and the wording names it ("(Eastern
// time)", "(heure de l’Est)"): a reader never has to guess the zone.
const EASTERN = "America/Toronto";
const easternFormats: Partial<Record<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>> = {};

/**
 * A moment's date and time in Eastern time, in the reader's language: { date: "December 2, 2026", time:
 * "2:05 p.m." } / { date: "2 décembre 2026", time: "14 h 05" }; `seconds` adds them (for the audit log).
 */
export function formatEasternDateTime(at: Date, locale: Locale, opts: { seconds?: boolean } = {}) {
  const key = `${locale}:${opts.seconds ? "s" : "m"}`;
  const tag = locale === "fr" ? "fr-CA" : "en-CA";
  easternFormats[key] ??= {
    date: new Intl.DateTimeFormat(tag, { dateStyle: "long", timeZone: EASTERN }),
    time: new Intl.DateTimeFormat(tag, { timeStyle: opts.seconds ? "medium" : "short", timeZone: EASTERN }),
  };
  const f = easternFormats[key];
  // Intl writes "02 h 05" in French; Québec usage is "2 h 05".
  return { date: f.date.format(at), time: f.time.format(at).replace(/^0(?=\d)/, "") };
}

/** The zone's offset from UTC at `at`, in minutes (negative west of Greenwich). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return Math.round((wall - at.getTime()) / 60_000);
}

/** Midnight starting a calendar day (YYYY-MM-DD) in Eastern time, as formatEasternDateTime shows times. */
export function easternMidnight(isoDate: string, addDays = 0): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d + addDays);
  // Changes of clock happen at 2:00, never near midnight: the offset five hours in is the day's first.
  const offset = offsetMinutes(new Date(utcMidnight + 5 * 3_600_000), EASTERN);
  return new Date(utcMidnight - offset * 60_000);
}
