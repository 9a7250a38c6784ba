import type { Metadata } from "next";
import { ENROL_KEYS } from "@/components/agent/enrol-fields";
import { EnrolForm } from "@/components/agent/enrol-form";
import { getDb } from "@/db/client";
import { readEnrolment } from "@/lib/agent/agent-admin";
import { pickMessages } from "@/lib/i18n/locales";
import { agentMessages } from "@/lib/i18n/messages/agent";
import { agentAccountMessages } from "@/lib/i18n/messages/agent-accounts";
import { getLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: agentAccountMessages[await getLocale()].enrolTitle, referrer: "no-referrer" };
}

// Open to whoever holds the single-use link mailed to an agent's work email (after an approved reset, or for an
// account a supervisor made): the link's token is the credential, checked by the service; the agent sets their
// own password and/or authenticator key here, so no supervisor ever sees them.
export default async function AgentEnrolPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const locale = await getLocale();
  const t = agentAccountMessages[locale];
  const token = (await searchParams).token ?? "";
  const enrolment = /^[\w-]{43}$/.test(token) ? await readEnrolment(await getDb(), token) : null;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">
          {agentMessages[locale].consoleName}
        </p>
        <h1 className="text-3xl font-bold leading-tight">{t.enrolTitle}</h1>
        <p className="max-w-prose text-lg">{enrolment ? t.enrolIntro : t.enrolGone}</p>
      </header>
      {enrolment && <EnrolForm t={pickMessages(t, ENROL_KEYS)} token={token} enrolment={enrolment} />}
    </div>
  );
}
