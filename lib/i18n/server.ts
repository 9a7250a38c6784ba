import "server-only";
import { cookies, headers } from "next/headers";
import { type Catalogue, isLocale, LOCALE_COOKIE, type Locale, localeFromAcceptLanguage } from "./locales";

/** The request's language: the switch's cookie if set, else the browser's Accept-Language, else English. */
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}

/** Messages of one namespace in the request's language. */
export async function getMessages<T>(catalogue: Catalogue<T>): Promise<T> {
  return catalogue[await getLocale()];
}
