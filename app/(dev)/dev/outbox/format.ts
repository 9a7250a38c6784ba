import type { Locale } from "@/lib/i18n/locales";

/** Date and time to the second, so messages sent close together can be told apart. */
export const formatDateTime = (iso: string, locale: Locale) =>
  `${new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "UTC",
  }).format(new Date(iso))} UTC`;
