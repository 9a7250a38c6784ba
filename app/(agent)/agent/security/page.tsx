import type { Metadata } from "next";
import { AddPasskeyForm } from "@/components/agent/add-passkey-form";
import { RemovePasskeyForm } from "@/components/agent/remove-passkey-form";
import { getDb } from "@/db/client";
import { readSecurityPage } from "@/lib/agent/passkeys";
import { requireAgent } from "@/lib/auth/agent";
import { formatDate } from "@/lib/format";
import { format } from "@/lib/i18n/locales";
import { agentPasskeyMessages } from "@/lib/i18n/messages/agent-passkeys";
import { getLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: agentPasskeyMessages[await getLocale()].title };
}

// Every agent's own sign-in security: their passkeys (lib/agent/passkeys.ts). Only the signed-in agent's own
// passkeys are read or changed here; nothing on this page names another account.
export default async function AgentSecurityPage() {
  const me = await requireAgent();
  const locale = await getLocale();
  const t = agentPasskeyMessages[locale];
  const { passkeys } = await readSecurityPage(await getDb(), me);
  const day = (iso: string) => formatDate(iso.slice(0, 10), locale);
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold leading-tight">{t.title}</h1>
        <p className="max-w-prose text-lg">{t.intro}</p>
      </header>

      <section aria-labelledby="passkeys-heading" className="space-y-3">
        <h2 id="passkeys-heading" className="text-2xl font-bold">
          {t.listHeading}
        </h2>
        {passkeys.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <>
            <p className="max-w-prose">{t.removeIntro}</p>
            <ul aria-labelledby="passkeys-heading" className="space-y-4">
              {passkeys.map((p) => (
                <li key={p.id} className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
                  <p>
                    <span className="text-lg font-semibold">{p.name}</span>
                    {" · "}
                    {format(t.added, { date: day(p.createdAt) })}
                    {" · "}
                    {p.lastUsedAt ? format(t.lastUsed, { date: day(p.lastUsedAt) }) : t.neverUsed}
                  </p>
                  <RemovePasskeyForm passkey={{ id: p.id, name: p.name }} t={t} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="add-passkey-heading" className="space-y-3">
        <h2 id="add-passkey-heading" className="text-2xl font-bold">
          {t.addHeading}
        </h2>
        <AddPasskeyForm t={t} />
      </section>
    </div>
  );
}
