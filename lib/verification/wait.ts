import type { Locale } from "@/lib/i18n/locales";

// How long to wait, as a person would say it: minutes under two hours, hours under two days, days beyond
// ("Please wait 21 hours", not "1269 minutes"). Always rounded up, so nobody comes back too early.

const UNITS = {
  en: { minute: ["minute", "minutes"], hour: ["hour", "hours"], day: ["day", "days"] },
  fr: { minute: ["minute", "minutes"], hour: ["heure", "heures"], day: ["jour", "jours"] },
} as const;

export function formatWait(locale: Locale, seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const [n, unit] =
    minutes < 120
      ? [minutes, "minute" as const]
      : minutes < 48 * 60
        ? [Math.ceil(minutes / 60), "hour" as const]
        : [Math.ceil(minutes / 1440), "day" as const];
  const [one, many] = UNITS[locale][unit];
  return `${n} ${n === 1 ? one : many}`;
}
