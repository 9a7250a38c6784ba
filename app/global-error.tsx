"use client";
import { useSyncExternalStore } from "react";
import { ErrorScreen } from "@/components/session/error-screen";
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from "@/lib/i18n/locales";
import "./globals.css";

const subscribe = () => () => {};

/** The language the visitor chose (the switch's cookie) or their browser's, as the root layout would have chosen. */
function browserLocale(): string {
  const chosen = document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${LOCALE_COOKIE}=`))
    ?.slice(LOCALE_COOKIE.length + 1);
  return isLocale(chosen) ? chosen : localeFromAcceptLanguage(navigator.languages.join(","));
}

// The root layout itself failed: this replaces the whole document, so it brings its own <html> and <body>.
export default function GlobalError(props: { error: Error & { digest?: string }; retry: () => void }) {
  const lang = useSyncExternalStore(subscribe, browserLocale, () => null);
  const locale = isLocale(lang) ? lang : null;
  return (
    <html lang={locale ?? "en"}>
      <body className="bg-slate-50 font-sans text-slate-900 antialiased">
        <main className="mx-auto w-full max-w-4xl px-4 py-8">
          <ErrorScreen {...props} locale={locale} />
        </main>
      </body>
    </html>
  );
}
