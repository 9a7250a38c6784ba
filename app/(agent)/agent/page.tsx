import type { Metadata } from "next";
import Link from "next/link";
import { MarkNotifiedForm } from "@/components/agent/mark-notified-form";
import { SuccessMessage } from "@/components/ui/success-message";
import { getDb } from "@/db/client";
import { readFlagQueue } from "@/lib/agent/queue";
import { requireAgent } from "@/lib/auth/agent";
import type { AgentFlagDto, FlagStatus, PassengerRole } from "@/lib/dto/agent";
import { formatDate } from "@/lib/format";
import { format, type Locale } from "@/lib/i18n/locales";
import { agentMessages } from "@/lib/i18n/messages/agent";
import { getLocale } from "@/lib/i18n/server";
import { currentRequestId } from "@/lib/request-id";

export async function generateMetadata(): Promise<Metadata> {
  return { title: agentMessages[await getLocale()].flagsTitle };
}

const LIMIT = 100;
const badge = "inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-medium";

// The queue of companions travellers asked us to contact (/my/companions). Opening it is an audited read (one
// event per request shown): it shows names and contact addresses.
export default async function AgentFlagsPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; marked?: string }>;
}) {
  const agent = await requireAgent();
  const locale = await getLocale();
  const t = agentMessages[locale];
  const q = await searchParams;
  const shown: FlagStatus = q.status === "notified" ? "notified" : "new";
  const confirmation = q.marked === "notified" ? t.markedDone : q.marked === "already" ? t.alreadyDone : null;
  const { counts, flags } = await readFlagQueue(await getDb(), agent, { status: shown, limit: LIMIT }, new Date(), {
    requestId: await currentRequestId(),
  });

  const tabs: Array<{ status: FlagStatus; label: string }> = [
    { status: "new", label: format(t.tabNew, { count: counts.new }) },
    { status: "notified", label: format(t.tabNotified, { count: counts.notified }) },
  ];
  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold leading-tight">{t.flagsTitle}</h1>
        <p className="max-w-prose text-lg">{t.flagsIntro}</p>
      </header>
      {confirmation && <SuccessMessage text={confirmation} focusSignal={1} />}
      <nav aria-label={t.tabsLabel}>
        <ul className="flex flex-wrap gap-1 border-b border-slate-300">
          {tabs.map((tab) => (
            <li key={tab.status}>
              <Link
                href={tab.status === "new" ? "/agent" : "/agent?status=notified"}
                aria-current={tab.status === shown ? "page" : undefined}
                className={`inline-block border-b-4 px-3 py-2 font-medium ${tab.status === shown ? "border-brand-700 text-brand-800" : "border-transparent text-slate-700 hover:text-brand-700"}`}
              >
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {flags.length === 0 ? (
        <p className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {shown === "new" ? t.emptyNew : t.emptyNotified}
        </p>
      ) : (
        <>
          <ul aria-label={t.listLabel} className="space-y-4">
            {flags.map((f) => (
              <FlagCard key={f.id} flag={f} locale={locale} />
            ))}
          </ul>
          {counts[shown] > flags.length && (
            <p className="text-slate-700">{format(t.more, { shown: flags.length, total: counts[shown] })}</p>
          )}
        </>
      )}
    </div>
  );
}

const roleLabel = (role: PassengerRole | null, t: (typeof agentMessages)[Locale]) =>
  role === "booker" ? t.booker : role === "companion" ? t.companion : t.notOnBooking;

function FlagCard({ flag: f, locale }: { flag: AgentFlagDto; locale: Locale }) {
  const t = agentMessages[locale];
  const when = (iso: string) => formatDate(iso.slice(0, 10), locale);
  return (
    <li className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-labelledby={`flag-${f.id}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id={`flag-${f.id}`} className="text-xl font-semibold">
          {f.companionName}
        </h2>
        <p className="flex flex-wrap gap-2">
          <span
            className={`${badge} ${f.companionAffected ? "bg-amber-100 text-amber-900" : "bg-slate-100 text-slate-800"}`}
          >
            {f.companionAffected ? t.affected : t.notListed}
          </span>
          {f.companionMinor && <span className={`${badge} bg-red-100 text-red-900`}>{t.minor}</span>}
          <span
            className={`${badge} ${f.status === "new" ? "bg-brand-100 text-brand-800" : "bg-emerald-100 text-emerald-900"}`}
          >
            {f.status === "new" ? t.statusNew : t.statusNotified}
          </span>
        </p>
      </div>
      {f.companionMinor && (
        <p className="rounded-md border-l-4 border-red-700 bg-red-50 p-3 font-semibold text-red-900">{t.minorNote}</p>
      )}
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t.languageLabel}</dt>
        <dd>{t.language[f.companionLanguage]}</dd>
        <dt className="font-semibold">{t.contactEmail}</dt>
        <dd>
          {f.contactAddresses.length === 0 ? (
            t.noContactEmail
          ) : (
            <div className="space-y-1">
              {f.contactAddresses.map((a) => (
                <p key={`${a.email}:${a.givenByName ?? ""}:${a.givenAt ?? ""}`}>
                  <span className="break-all font-medium">{a.email}</span>
                  {" — "}
                  {a.givenByName === null
                    ? t.givenBySourceUnknown
                    : `${format(t.givenBy, { name: a.givenByName })} (${roleLabel(a.givenByRole, t)})`}
                </p>
              ))}
            </div>
          )}
        </dd>
        <dt className="font-semibold">{t.flaggedBy}</dt>
        <dd>
          {f.flaggedByName}
          {f.flaggedByRole && ` (${roleLabel(f.flaggedByRole, t)})`}
        </dd>
        <dt className="font-semibold">{t.trip}</dt>
        <dd>
          {f.route}, {formatDate(f.flightDate, locale)}
        </dd>
        <dt className="font-semibold">{t.requested}</dt>
        <dd>{when(f.flaggedAt)}</dd>
        {f.updatedAt.slice(0, 10) !== f.flaggedAt.slice(0, 10) && (
          <>
            <dt className="font-semibold">{t.updated}</dt>
            <dd>{when(f.updatedAt)}</dd>
          </>
        )}
      </dl>
      <p className="text-slate-700">
        {f.companionEmailOnFile ? (f.companionMinor ? t.emailOnFileMinor : t.emailOnFile) : t.noEmailOnFile}
      </p>
      {f.status === "new" && <MarkNotifiedForm flagId={f.id} name={f.companionName} locale={locale} />}
    </li>
  );
}
