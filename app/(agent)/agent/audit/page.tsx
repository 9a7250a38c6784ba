import type { Metadata } from "next";
import Link from "next/link";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/verify/text-field";
import { getDb } from "@/db/client";
import { readAuditLog } from "@/lib/audit/log";
import { requireSupervisor } from "@/lib/auth/agent";
import type { AuditEventDto, AuditLogFormValues } from "@/lib/dto/audit";
import { formatEasternDateTime } from "@/lib/format";
import { format, formErrorText, type Locale } from "@/lib/i18n/locales";
import { agentAuditMessages } from "@/lib/i18n/messages/agent-audit";
import { getLocale } from "@/lib/i18n/server";
import { currentRequestId } from "@/lib/request-id";

export async function generateMetadata(): Promise<Metadata> {
  return { title: agentAuditMessages[await getLocale()].title };
}

type Text = (typeof agentAuditMessages)[Locale];

// The audit log, for supervisors only (anyone else gets the not-found page). The filters are a GET form: they sit
// in the URL, so a filtered view can be bookmarked or passed on, and the page works without JavaScript. Pages go
// by event id (Newer / Older), never by offset. Reading the log is itself recorded (lib/audit/log.ts).
export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireSupervisor();
  const locale = await getLocale();
  const t = agentAuditMessages[locale];
  const log = await readAuditLog(await getDb(), viewer, await searchParams, { requestId: await currentRequestId() });
  const errorOf = (f: keyof AuditLogFormValues) => formErrorText(log.fieldErrors[f], t.formErrors);
  const summary = (["agent", "person", "action", "from", "to"] as const).flatMap((f) => {
    const text = errorOf(f);
    return text ? [{ fieldId: `audit-${f}`, text }] : [];
  });
  const pageLink = (cursor: "before" | "after", id: string) => {
    const q = new URLSearchParams(Object.entries(log.values).filter(([, v]) => v !== ""));
    q.set(cursor, id);
    return `/agent/audit?${q.toString()}`;
  };

  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold leading-tight">{t.title}</h1>
        <p className="max-w-prose text-lg">{t.intro}</p>
      </header>
      <ErrorSummary focusSignal={summary.length} title={t.errorSummaryTitle} items={summary} level={2} />
      <form
        method="get"
        action="/agent/audit"
        className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
      >
        <h2 className="text-xl font-semibold">{t.filtersTitle}</h2>
        <p id="audit-dates-hint" className="text-slate-700">
          {t.datesHint}
        </p>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <div className="space-y-1.5">
            <label htmlFor="audit-agent" className="block text-base font-semibold">
              {t.agentLabel}
            </label>
            <select
              id="audit-agent"
              name="agent"
              defaultValue={log.values.agent}
              aria-invalid={errorOf("agent") ? true : undefined}
              className="block min-h-12 w-full rounded-md border-2 border-slate-500 bg-white px-3 py-2 text-lg"
            >
              <option value="">{t.anyAgent}</option>
              {log.agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <TextField
            id="audit-person"
            name="person"
            label={t.personLabel}
            hint={t.personHint}
            inputMode="numeric"
            autoComplete="off"
            defaultValue={log.values.person}
            error={errorOf("person")}
          />
          <TextField
            id="audit-action"
            name="action"
            label={t.actionLabel}
            hint={t.actionHint}
            autoComplete="off"
            spellCheck={false}
            defaultValue={log.values.action}
            error={errorOf("action")}
          />
          <TextField
            id="audit-from"
            name="from"
            type="date"
            label={t.fromLabel}
            aria-describedby="audit-dates-hint"
            defaultValue={log.values.from}
            error={errorOf("from")}
          />
          <TextField
            id="audit-to"
            name="to"
            type="date"
            label={t.toLabel}
            aria-describedby="audit-dates-hint"
            defaultValue={log.values.to}
            error={errorOf("to")}
          />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button
            type="submit"
            className="min-h-12 rounded-md bg-brand-700 px-5 py-2 text-lg font-semibold text-white hover:bg-brand-800"
          >
            {t.submit}
          </button>
          <Link href="/agent/audit" className="text-brand-700 underline underline-offset-2 hover:no-underline">
            {t.clear}
          </Link>
        </div>
      </form>
      {summary.length === 0 &&
        (log.events.length === 0 ? (
          <p className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">{t.empty}</p>
        ) : (
          <EventTable events={log.events} locale={locale} t={t} />
        ))}
      {(log.newerThan || log.olderThan) && (
        <nav aria-label={t.pagesLabel} className="flex flex-wrap gap-6">
          {log.newerThan && (
            <Link href={pageLink("after", log.newerThan)} className="font-medium text-brand-700 underline">
              {t.newer}
            </Link>
          )}
          {log.olderThan && (
            <Link href={pageLink("before", log.olderThan)} className="font-medium text-brand-700 underline">
              {t.older}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}

function who(e: AuditEventDto, t: Text): string {
  if (e.actor.kind === "agent") return e.actor.name ?? format(t.unknownAgent, { id: e.actor.agentId });
  if (e.actor.kind === "traveller") return e.actor.personId ? format(t.traveller, { id: e.actor.personId }) : t.visitor;
  return t.cli;
}

function EventTable({ events, locale, t }: { events: AuditEventDto[]; locale: Locale; t: Text }) {
  const cell = "border-b border-slate-200 px-3 py-2 align-top";
  return (
    // A wide table scrolls on its own on a phone; focusable so a keyboard can scroll it too.
    <section
      aria-labelledby="audit-caption"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
      tabIndex={0}
      className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
    >
      <table className="w-full border-collapse text-left">
        <caption id="audit-caption" className="px-3 py-2 text-left text-lg font-semibold">
          {t.tableCaption}
        </caption>
        <thead>
          <tr>
            {[t.colWhen, t.colWho, t.colWhat, t.colPerson, t.colReason, t.colRequest].map((h) => (
              <th key={h} scope="col" className={`${cell} whitespace-nowrap font-semibold`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td className={cell}>
                <time dateTime={e.at}>
                  {format(t.when, formatEasternDateTime(new Date(e.at), locale, { seconds: true }))}
                </time>
              </td>
              <td className={cell}>{who(e, t)}</td>
              <td className={cell}>
                <code>{e.action}</code>
              </td>
              <td className={cell}>{e.personId ?? t.none}</td>
              <td className={cell}>{e.reason ?? t.none}</td>
              <td className={`${cell} break-all font-mono text-sm`}>{e.requestId ?? t.none}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
