import Link from "next/link";
import { SignOutButton } from "@/components/sign-out-button";
import { signOutAgentAction } from "@/lib/agent/actions";
import { requireAgent } from "@/lib/auth/agent";
import { format } from "@/lib/i18n/locales";
import { agentMessages } from "@/lib/i18n/messages/agent";
import { agentAccountMessages } from "@/lib/i18n/messages/agent-accounts";
import { agentAuditMessages } from "@/lib/i18n/messages/agent-audit";
import { agentCaseMessages } from "@/lib/i18n/messages/agent-case";
import { agentPasskeyMessages } from "@/lib/i18n/messages/agent-passkeys";
import { commonMessages } from "@/lib/i18n/messages/common";
import { getLocale } from "@/lib/i18n/server";

// Every page in this group is for a signed-in agent. requireAgent() re-checks the account against the database
// (a disabled account is out at its next request) and sends anyone else to /agent/sign-in. Pages and actions
// check again for themselves: a layout does not run for every request.

export default async function AgentLayout({ children }: { children: React.ReactNode }) {
  const agent = await requireAgent();
  const locale = await getLocale();
  const t = agentMessages[locale];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 pb-4">
        <p>
          <span className="font-semibold">{t.consoleName}</span> · {format(t.signedInAs, { name: agent.displayName })}
        </p>
        <Link href="/agent/security" className="font-semibold text-brand-700 underline">
          {agentPasskeyMessages[locale].navSecurity}
        </Link>
        {agent.role === "supervisor" && (
          <>
            <Link href="/agent/agents" className="font-semibold text-brand-700 underline">
              {agentAccountMessages[locale].navAgents}
            </Link>
            <Link href="/agent/audit" className="font-semibold text-brand-700 underline">
              {agentAuditMessages[locale].navLink}
            </Link>
          </>
        )}
        <Link href="/agent/callers" className="font-semibold text-brand-700 underline">
          {agentCaseMessages[locale].navCallers}
        </Link>
        <SignOutButton label={t.signOut} pendingLabel={commonMessages[locale].loading} signOut={signOutAgentAction} />
      </div>
      {children}
    </div>
  );
}
