// Locales the portal speaks. Kept free of server-only imports so client components can use the types.
export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "lang";

export const isLocale = (v: unknown): v is Locale => v === "en" || v === "fr";

/** First supported language in an Accept-Language header, honouring q-values. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((r) => r.lang).find(isLocale) ?? DEFAULT_LOCALE;
}

/** A message catalogue for one namespace: French must have exactly the English keys. */
export type Catalogue<T> = { en: T; fr: T };
export const defineMessages = <T extends Record<string, unknown>>(c: { en: T; fr: NoInfer<T> }): Catalogue<T> => c;

/** Replace {name} placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** A zod message key from lib/forms/* in the reader's language (unknown keys read as the catalogue's "invalid"). */
export function formErrorText<E extends { invalid: string }>(key: string | undefined, errors: E): string | undefined {
  if (!key) return undefined;
  return key in errors ? (errors as unknown as Record<string, string>)[key] : errors.invalid;
}

/**
 * The keys a client component needs from one language's catalogue: server components pass this slice down as a
 * prop, so the page's JavaScript ships neither the other language nor the rest of the catalogue.
 */
export function pickMessages<T extends object, K extends keyof T>(t: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, t[k]])) as Pick<T, K>;
}
