"use client";
import { useFocusOnSignal } from "@/components/ui/focus-on-signal";
import { sendCodeFormAction } from "@/lib/agent/console-actions";
import type { CallerResultDto } from "@/lib/dto/console";
import { format } from "@/lib/i18n/locales";
import type { AgentCaseMessages } from "@/lib/i18n/messages/agent-case";
import { ActionForm } from "./action-form";

/**
 * What a search found: masked name and email, the trip, whether affected. The only thing to do with a result is
 * to email the person a code; the agent never sees the address it goes to.
 */
export function CallerResults({
  t,
  results,
  focusSignal,
}: {
  t: AgentCaseMessages;
  results: CallerResultDto[];
  focusSignal: number;
}) {
  const ref = useFocusOnSignal<HTMLHeadingElement>(focusSignal);
  return (
    <section aria-labelledby="results-title" className="space-y-4">
      <h2 id="results-title" ref={ref} tabIndex={-1} className="text-2xl font-semibold">
        {t.resultsTitle}
      </h2>
      {results.length === 0 ? (
        <p role="status">{t.noResults}</p>
      ) : (
        <ul className="space-y-4" aria-label={t.resultsTitle}>
          {results.map((r, i) => (
            <li
              key={r.handle}
              aria-labelledby={`result-${i}`}
              className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
            >
              <h3 id={`result-${i}`} className="text-xl font-semibold">
                {r.name}
              </h3>
              <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
                <dt className="font-semibold">{t.colEmail}</dt>
                <dd>{r.email ?? t.noEmail}</dd>
                <dt className="font-semibold">{t.colBooking}</dt>
                <dd>{[r.reference, r.route, r.flightDate].filter(Boolean).join(" · ")}</dd>
                <dt className="font-semibold">{t.colRole}</dt>
                <dd>{r.role === "booker" ? t.booker : t.companion}</dd>
                <dt className="font-semibold">{t.colAffected}</dt>
                <dd>{r.affected ? t.yes : t.no}</dd>
              </dl>
              {r.email ? (
                <ActionForm
                  action={sendCodeFormAction}
                  hidden={{ result: r.handle }}
                  label={format(t.sendCode, { email: r.email })}
                  pendingLabel={t.sending}
                />
              ) : (
                <div className="space-y-2">
                  <p id={`no-email-${i}`} className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-3">
                    {t.noEmailVerify}
                  </p>
                  <button
                    type="button"
                    disabled
                    aria-describedby={`no-email-${i}`}
                    className="min-h-11 rounded-md border-2 border-slate-400 px-5 py-2.5 font-semibold text-slate-600"
                  >
                    {t.noEmailButton}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
