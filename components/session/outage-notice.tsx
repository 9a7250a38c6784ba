"use client";
import { useEffect } from "react";
import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import { sessionMessages } from "@/lib/i18n/messages/session";
import { RetryButton } from "./retry-button";
import { useTravellerShell } from "./traveller-shell";
import { languagesFor, useDocumentLocale } from "./use-document-locale";

type Props = { error: Error & { digest?: string }; retry: () => void };

/**
 * A traveller page that could not load (database down, …): the page's language first, then the other one marked
 * with its `lang`, the support phone, and a retry. It must never read as "not affected" or "nothing found": it
 * says the problem is ours and says nothing about the person's data. Used by app/(traveller)/error.tsx (a failure
 * in the guarding layout) and app/(traveller)/my/error.tsx (a failure in a page, under the navigation).
 */
export function OutageNotice({ error, retry }: Props) {
  const shell = useTravellerShell();
  const documentLocale = useDocumentLocale();
  useEffect(() => {
    // The digest ties this screen to the server's log line without showing details to the person.
    console.error("traveller page error", error.digest);
  }, [error]);
  const [first, second] = languagesFor(shell?.locale ?? documentLocale) as ["en" | "fr", "en" | "fr"];
  const phone = shell?.supportPhone ?? null;
  const block = (l: "en" | "fr", main: boolean) => {
    const t = sessionMessages[l];
    return (
      <div lang={l} className={main ? "space-y-3" : "space-y-2 border-t border-slate-200 pt-4 text-slate-700"}>
        {main ? (
          <h1 id="outage-title" className="text-2xl font-bold">
            {t.outageTitle}
          </h1>
        ) : (
          <h2 className="text-lg font-semibold">{t.outageTitle}</h2>
        )}
        <p>{t.outageBody}</p>
        <p>{t.outageNext}</p>
        {phone && (
          <p>
            <RichText template={t.outagePhone} values={{ phone: <PhoneLink phone={phone} locale={l} /> }} />
          </p>
        )}
      </div>
    );
  };
  return (
    <section
      role="alert"
      aria-labelledby="outage-title"
      className="space-y-5 rounded-lg border-l-4 border-amber-600 bg-white p-6 shadow-sm"
    >
      {block(first, true)}
      <RetryButton first={first} second={second} retry={retry} />
      {block(second, false)}
    </section>
  );
}
