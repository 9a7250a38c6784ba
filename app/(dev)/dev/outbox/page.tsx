import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { verifyMessages } from "@/lib/i18n/messages/verify";
import { getLocale } from "@/lib/i18n/server";
import { readDevOutbox } from "@/lib/mail/outbox";
import { devToolsOpen } from "../access";
import { formatDateTime } from "./format";

export const metadata: Metadata = { title: "Outbox" };

type Props = { searchParams: Promise<{ to?: string }> };

/**
 * The development outbox: what the portal would have emailed, newest first, so the demo and the e2e tests work
 * with no mail server. `?to=address` shows one recipient's messages. 404 in production, with SMTP_URL set, and to
 * any client but this machine.
 */
export default async function DevOutboxPage({ searchParams }: Props) {
  if (!(await devToolsOpen())) notFound();
  const locale = await getLocale();
  const t = verifyMessages[locale];
  const { to } = await searchParams;
  const all = await readDevOutbox(await getDb(), 100);
  const wanted = to?.trim().toLowerCase();
  const messages = wanted ? all.filter((m) => m.to.toLowerCase() === wanted) : all;
  const statusLabel = (s: string) => (s === "sent" ? t.outboxSent : s === "failed" ? t.outboxFailed : t.outboxQueued);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">{t.outboxTitle}</h1>
        <p className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-4">{t.outboxIntro}</p>
      </div>
      {messages.length === 0 ? (
        <p className="rounded-md bg-white p-6 shadow-sm">{t.outboxEmpty}</p>
      ) : (
        <ol className="space-y-4" aria-label={t.outboxTitle}>
          {messages.map((m) => {
            const code = m.kind === "verification_code" ? /\b\d{10}\b/.exec(m.text)?.[0] : undefined;
            return (
              <li key={m.id}>
                <article aria-labelledby={`msg-${m.id}`} className="space-y-3 rounded-lg bg-white p-5 shadow-sm">
                  <h2 id={`msg-${m.id}`} className="text-lg font-semibold">
                    {m.subject}
                  </h2>
                  <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                    <dt className="font-semibold">{t.outboxTo}</dt>
                    <dd className="break-all" data-testid="outbox-to">
                      {m.to}
                    </dd>
                    <dt className="font-semibold">{t.outboxStatus}</dt>
                    <dd>{statusLabel(m.status)}</dd>
                    <dt className="font-semibold">{t.outboxAt}</dt>
                    <dd>
                      <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, locale)}</time>
                    </dd>
                    {code && (
                      <>
                        <dt className="font-semibold">{t.verificationCode}</dt>
                        <dd className="font-mono text-lg font-bold tracking-widest" data-testid="outbox-code">
                          {code}
                        </dd>
                      </>
                    )}
                  </dl>
                  <pre className="overflow-x-auto whitespace-pre-wrap rounded-md bg-slate-50 p-4 font-sans text-sm">
                    {m.text}
                  </pre>
                </article>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
