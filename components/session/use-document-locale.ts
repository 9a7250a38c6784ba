"use client";
import { useSyncExternalStore } from "react";
import { isLocale, type Locale } from "@/lib/i18n/locales";

const subscribe = () => () => {};

/**
 * The page's language from <html lang> (the root layout sets it from the request), for error boundaries that have
 * no other way to know it; null while rendering on the server or when the page has none of ours.
 */
export function useDocumentLocale(): Locale | null {
  const lang = useSyncExternalStore(
    subscribe,
    () => document.documentElement.lang,
    () => null,
  );
  return isLocale(lang) ? lang : null;
}

/** The page's language first, the other after it; both, English first, when the page's language is unknown. */
export const languagesFor = (locale: Locale | null): Locale[] => (locale === "fr" ? ["fr", "en"] : ["en", "fr"]);
