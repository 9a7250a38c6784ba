import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccountButton } from "@/components/agent/account-button";
import { CREATE_AGENT_KEYS } from "@/components/agent/create-agent-fields";
import { CreateAgentForm } from "@/components/agent/create-agent-form";
import { SuccessMessage } from "@/components/ui/success-message";
import { getDb } from "@/db/client";
import { approveAgentResetAction, setAgentDisabledAction, startAgentResetAction } from "@/lib/agent/account-actions";
import { readAgentsPage } from "@/lib/agent/agent-admin";
import { requireSupervisor } from "@/lib/auth/agent";
import { format, pickMessages } from "@/lib/i18n/locales";
import { agentAccountMessages } from "@/lib/i18n/messages/agent-accounts";
import { getLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: agentAccountMessages[await getLocale()].title };
}

// Supervisors only (requireSupervisor: an agent gets the not-found page, as if there were nothing here; every action
// on this page checks the role again, and so does the service). No password hash or secret ever reaches it.
export default async function AgentAccountsPage({ searchParams }: { searchParams: Promise<{ approved?: string }> }) {
  const me = await requireSupervisor();
  const locale = await getLocale();
  const t = agentAccountMessages[locale];
  const page = await readAgentsPage(await getDb(), me);
  if (!page) notFound();
  const approved = (await searchParams).approved === "1";
  const cell = "border-b border-slate-200 px-3 py-2 text-left align-top";
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold leading-tight">{t.title}</h1>
        <p className="max-w-prose text-lg">{t.intro}</p>
      </header>
      {approved && <SuccessMessage text={t.approved} focusSignal={1} />}

      <section aria-labelledby="requests-heading" className="space-y-3">
        <h2 id="requests-heading" className="text-2xl font-bold">
          {t.requestsHeading}
        </h2>
        {page.requests.length === 0 ? (
          <p>{t.noRequests}</p>
        ) : (
          <ul className="space-y-3">
            {page.requests.map((r) => (
              <li key={r.id} className="rounded-md border border-slate-300 p-3">
                <p>
                  <span className="font-semibold">{t.kind[r.kind]}</span> · {r.targetName} ({r.targetEmail}) ·{" "}
                  {format(t.requestedBy, { name: r.requestedByName })}
                </p>
                {r.canApprove ? (
                  <AccountButton
                    action={approveAgentResetAction}
                    fields={{ request: r.id }}
                    label={format(t.approve, { kind: t.kind[r.kind].toLowerCase(), name: r.targetName })}
                    pendingLabel={t.pending}
                  />
                ) : (
                  <p className="text-sm">{t.startedByYou}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="accounts-heading" className="space-y-3">
        <h2 id="accounts-heading" className="text-2xl font-bold">
          {t.accountsHeading}
        </h2>
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse">
            <thead>
              <tr>
                <th scope="col" className={cell}>
                  {t.colName}
                </th>
                <th scope="col" className={cell}>
                  {t.colEmail}
                </th>
                <th scope="col" className={cell}>
                  {t.colRole}
                </th>
                <th scope="col" className={cell}>
                  {t.colStatus}
                </th>
                <th scope="col" className={cell}>
                  {t.colActions}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.accounts.map((a) => (
                <tr key={a.id}>
                  <th scope="row" className={cell}>
                    {a.displayName} {a.self && t.you}
                  </th>
                  <td className={cell}>{a.email}</td>
                  <td className={cell}>{t.role[a.role]}</td>
                  <td className={cell}>{a.disabled ? t.disabled : t.active}</td>
                  <td className={`${cell} space-x-2 space-y-2`}>
                    {!a.self && (
                      <>
                        <AccountButton
                          action={setAgentDisabledAction}
                          fields={{ agent: a.id, disabled: a.disabled ? "false" : "true" }}
                          label={format(a.disabled ? t.enable : t.disable, { name: a.displayName })}
                          pendingLabel={t.pending}
                        />
                        <AccountButton
                          action={startAgentResetAction}
                          fields={{ agent: a.id, kind: "password" }}
                          label={format(t.resetPassword, { name: a.displayName })}
                          pendingLabel={t.pending}
                        />
                        <AccountButton
                          action={startAgentResetAction}
                          fields={{ agent: a.id, kind: "factor" }}
                          label={format(t.resetFactor, { name: a.displayName })}
                          pendingLabel={t.pending}
                        />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="create-heading" className="space-y-3">
        <h2 id="create-heading" className="text-2xl font-bold">
          {t.createHeading}
        </h2>
        <CreateAgentForm t={pickMessages(t, CREATE_AGENT_KEYS)} />
      </section>
    </div>
  );
}
