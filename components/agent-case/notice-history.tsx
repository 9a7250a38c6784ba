import type { CaseNoticesDto } from "@/lib/agent/case-notices";
import { revokeRewardsLinkFormAction } from "@/lib/agent/notice-actions";
import { formatEasternDateTime } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { agentNoticeMessages } from "@/lib/i18n/messages/agent-notices";
import { ActionForm } from "./action-form";

/** The caller's notice history and their rewards link, in the case view. */
export function NoticeHistory({ caseId, n, locale }: { caseId: string; n: CaseNoticesDto; locale: Locale }) {
  const t = agentNoticeMessages[locale];
  const when = (d: Date | null) => {
    if (!d) return t.none;
    const f = formatEasternDateTime(d, locale);
    return `${f.date}, ${f.time}`;
  };
  return (
    <section aria-labelledby="case-notices" className="space-y-4">
      <h2 id="case-notices" className="text-2xl font-semibold">
        {t.heading}
      </h2>
      <p className="max-w-prose text-slate-700">{t.intro}</p>
      {n.notices.length === 0 ? (
        <p className="rounded-md bg-white p-4 ring-1 ring-slate-200">{t.empty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse bg-white text-left text-sm ring-1 ring-slate-200">
            <thead>
              <tr className="border-b border-slate-300">
                {[t.kind, t.channel, t.status, t.created, t.sent, t.attempts, t.lastError].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-semibold">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {n.notices.map((r) => (
                <tr key={r.id} className="border-b border-slate-200">
                  <td className="px-3 py-2">{t.kinds[r.kind] ?? r.kind}</td>
                  <td className="px-3 py-2">{t.channels[r.channel] ?? r.channel}</td>
                  <td className="px-3 py-2">{t.statuses[r.status] ?? r.status}</td>
                  <td className="px-3 py-2">{when(r.createdAt)}</td>
                  <td className="px-3 py-2">{when(r.sentAt)}</td>
                  <td className="px-3 py-2">{r.attempts}</td>
                  <td className="px-3 py-2 font-mono">{r.lastError ?? t.none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="space-y-2">
        <h3 className="text-lg font-semibold">{t.rewardsHeading}</h3>
        <p>{n.liveRewardsLinks > 0 ? t.rewardsLive : t.rewardsNone}</p>
        {n.liveRewardsLinks > 0 && (
          <ActionForm
            action={revokeRewardsLinkFormAction}
            hidden={{ case: caseId }}
            label={t.revoke}
            pendingLabel={t.revoking}
            variant="secondary"
          />
        )}
      </div>
    </section>
  );
}
