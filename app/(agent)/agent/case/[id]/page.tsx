import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CaseFieldForm } from "@/components/agent-case/case-field-form";
import { CaseView } from "@/components/agent-case/case-view";
import { NoticeHistory } from "@/components/agent-case/notice-history";
import { getDb } from "@/db/client";
import { viewCase } from "@/lib/agent/case";
import { caseNotices } from "@/lib/agent/case-notices";
import { requireAgent } from "@/lib/auth/agent";
import { format } from "@/lib/i18n/locales";
import { agentCaseMessages } from "@/lib/i18n/messages/agent-case";
import { getLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  // Not the caller's name: tab titles end up in browser history.
  return { title: agentCaseMessages[await getLocale()].caseTab };
}

// One call's case (lib/agent/case.ts). Another agent's case, or an id that is not one, is not found: the page
// does not say whether it exists. Until the caller reads back the emailed code it shows only where the code went.
export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const agent = await requireAgent();
  const { id } = await params;
  const locale = await getLocale();
  const t = agentCaseMessages[locale];
  const requestId = (await headers()).get("x-request-id") ?? undefined;
  const db = await getDb();
  const view = await viewCase(db, agent, id, { requestId });
  if (!view) notFound();

  if (view.status === "closed") {
    return (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold leading-tight">{t.closedTitle}</h1>
        <p className="max-w-prose text-lg">{t.closedBody}</p>
        <p>
          <Link href="/agent/callers" className="font-semibold text-brand-700 underline">
            {t.backToSearch}
          </Link>
        </p>
      </div>
    );
  }

  if (view.status === "unverified") {
    return (
      <div className="space-y-6">
        <header className="space-y-3">
          <h1 className="text-3xl font-bold leading-tight">{t.verifyTitle}</h1>
          <p className="max-w-prose text-lg">
            {format(t.verifyIntro, { email: view.email ?? t.noEmail, name: view.name })}
          </p>
          <p className="max-w-prose text-slate-700">{t.verifyWhy}</p>
        </header>
        <CaseFieldForm t={t} caseId={view.id} kind="code" />
      </div>
    );
  }

  const notices = await caseNotices(db, agent, id);
  return (
    <div className="space-y-10">
      <CaseView c={view.case} t={t} locale={locale} />
      {notices && <NoticeHistory caseId={id} n={notices} locale={locale} />}
    </div>
  );
}
