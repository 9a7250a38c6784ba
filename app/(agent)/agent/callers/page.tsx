import type { Metadata } from "next";
import { CallerSearchForm } from "@/components/agent-case/caller-search-form";
import { requireAgent } from "@/lib/auth/agent";
import { env } from "@/lib/env";
import { format } from "@/lib/i18n/locales";
import { agentCaseMessages } from "@/lib/i18n/messages/agent-case";
import { getLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: agentCaseMessages[await getLocale()].callersTitle };
}

// Finding a caller: one exact-match search at a time (lib/agent/callers.ts), nothing listed before a search.
export default async function CallersPage() {
  await requireAgent();
  const t = agentCaseMessages[await getLocale()];
  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold leading-tight">{t.callersTitle}</h1>
        <p className="max-w-prose text-lg">{t.callersIntro}</p>
        <p className="max-w-prose text-slate-700">{format(t.callersLimit, { count: env().AGENT_SEARCH_LIMIT })}</p>
      </header>
      <p className="max-w-prose rounded-md border-l-4 border-brand-700 bg-brand-50 p-3">{t.neverShown}</p>
      <CallerSearchForm t={t} />
    </div>
  );
}
