"use client";
import { useEffect, useSyncExternalStore } from "react";
import { isLocale } from "@/lib/i18n/locales";
import { travellerMessages } from "@/lib/i18n/messages/traveller";

const subscribe = () => () => {};
/** The page's language from <html lang> (set by the root layout); null while rendering on the server. */
const useDocumentLocale = () =>
  useSyncExternalStore(
    subscribe,
    () => document.documentElement.lang,
    () => null,
  );

/**
 * A failure loading the traveller's pages (database down, …). It must never read as "not affected" or
 * "nothing found": it says the problem is ours, says nothing about the person's data, and offers a retry.
 */
export default function MyError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const lang = useDocumentLocale();
  useEffect(() => {
    console.error("traveller page error", error.digest);
  }, [error]);
  const locales = isLocale(lang) ? [lang] : (["en", "fr"] as const);
  return (
    <section
      role="alert"
      aria-labelledby="my-error-title"
      className="space-y-4 rounded-lg border-l-4 border-amber-600 bg-white p-6 shadow-sm"
    >
      <h1 id="my-error-title" className="text-2xl font-bold">
        {locales.map((l, i) => (
          <span key={l} lang={l}>
            {i > 0 ? " · " : ""}
            {travellerMessages[l].errorTitle}
          </span>
        ))}
      </h1>
      {locales.map((l) => (
        <div key={l} lang={l} className="space-y-2">
          <p>{travellerMessages[l].errorBody}</p>
          <p>{travellerMessages[l].errorNext}</p>
        </div>
      ))}
      <button
        type="button"
        onClick={() => retry()}
        className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800"
      >
        {locales.map((l, i) => (
          <span key={l} lang={l}>
            {i > 0 ? " · " : ""}
            {travellerMessages[l].tryAgain}
          </span>
        ))}
      </button>
    </section>
  );
}
