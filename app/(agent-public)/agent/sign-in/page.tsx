import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasskeySignIn } from "@/components/agent/passkey-sign-in";
import { AgentSignInForm } from "@/components/agent/sign-in-form";
import { getAgentSession } from "@/lib/auth/agent";
import { pickMessages } from "@/lib/i18n/locales";
import { agentMessages, SIGN_IN_FORM_KEYS } from "@/lib/i18n/messages/agent";
import { agentAccountMessages } from "@/lib/i18n/messages/agent-accounts";
import { agentPasskeyMessages, PASSKEY_SIGN_IN_KEYS } from "@/lib/i18n/messages/agent-passkeys";
import { getLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: agentMessages[await getLocale()].signInTitle };
}

// Outside the (agent) group: the one agent page open to anyone. A signed-in agent goes straight to the console.
export default async function AgentSignInPage({
  searchParams,
}: {
  searchParams: Promise<{ signedOut?: string; expired?: string; enrolled?: string }>;
}) {
  if (await getAgentSession()) redirect("/agent");
  const locale = await getLocale();
  const t = agentMessages[locale];
  const q = await searchParams;
  const notice = q.signedOut
    ? t.signedOut
    : q.expired
      ? t.expired
      : q.enrolled
        ? agentAccountMessages[locale].enrolled
        : undefined;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t.consoleName}</p>
        <h1 className="text-3xl font-bold leading-tight">{t.signInTitle}</h1>
        <p className="max-w-prose text-lg">{t.signInIntro}</p>
      </header>
      <AgentSignInForm t={pickMessages(t, SIGN_IN_FORM_KEYS)} notice={notice} />
      <PasskeySignIn t={pickMessages(agentPasskeyMessages[locale], PASSKEY_SIGN_IN_KEYS)} />
    </div>
  );
}
