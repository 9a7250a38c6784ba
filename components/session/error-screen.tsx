"use client";
import { useEffect } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { sessionMessages } from "@/lib/i18n/messages/session";
import { RetryButton } from "./retry-button";
import { languagesFor } from "./use-document-locale";

type Props = { error: Error & { digest?: string }; retry: () => void; locale: Locale | null };

/**
 * The calm generic error screen (app/error.tsx, app/global-error.tsx): the page's language first and the other one
 * after it, each marked with its `lang`; nothing about the person's information; a retry.
 */
export function ErrorScreen({ error, retry, locale }: Props) {
  useEffect(() => {
    // The digest ties this screen to the server log line without showing details to the person.
    console.error("page error", error.digest);
  }, [error]);
  const [first, second] = languagesFor(locale) as [Locale, Locale];
  return (
    <section role="alert" aria-labelledby="error-title" className="space-y-5">
      <div lang={first} className="space-y-3">
        <h1 id="error-title" className="text-2xl font-bold">
          {sessionMessages[first].errorTitle}
        </h1>
        <p>{sessionMessages[first].errorBody}</p>
        <p>{sessionMessages[first].outageNext}</p>
      </div>
      <RetryButton first={first} second={second} retry={retry} />
      <div lang={second} className="space-y-2 border-t border-slate-200 pt-4 text-slate-700">
        <h2 className="text-lg font-semibold">{sessionMessages[second].errorTitle}</h2>
        <p>{sessionMessages[second].errorBody}</p>
        <p>{sessionMessages[second].outageNext}</p>
      </div>
    </section>
  );
}
