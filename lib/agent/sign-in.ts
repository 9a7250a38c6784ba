import "server-only";
import type { Database } from "@/db/client";
import { claimTotpStep, endAgentSessions, findAgentCredentials } from "@/db/queries/agents";
import { recordAudit } from "@/db/queries/audit";
import type { AgentSession } from "@/lib/auth/agent";
import { verifyPassword } from "@/lib/auth/password";
import type { AgentSignInValues } from "@/lib/forms/agent-sign-in";
import { countAgentSignIn } from "@/lib/rate-limit";
import type { RequestContext } from "@/lib/request-id";
import { matchTotpStep, openTotpSecret } from "./totp";

// Agent sign-in, without the HTTP parts (lib/agent/actions.ts sets the cookie). The attempt is counted first, so a
// guesser is limited whether or not the account exists; an unknown email, a wrong password and a disabled account
// a wrong code, a code already used, and an account without a second factor all get the same answer after the same
// work (the password hash and the code are checked whatever the account). A code works once: the step it was made
// for must be later than the last step accepted for the account, claimed in one conditional UPDATE.

export type AgentSignInOutcome =
  | { status: "ok"; agentId: string; epoch: number }
  | { status: "refused" }
  | { status: "limited"; retryAfterSeconds: number };

export async function signInAgent(
  db: Database,
  v: AgentSignInValues,
  ctx: { ip: string } & RequestContext,
): Promise<AgentSignInOutcome> {
  const decision = await countAgentSignIn(db, { email: v.email, ip: ctx.ip });
  if (!decision.allowed) return { status: "limited", retryAfterSeconds: decision.retryAfterSeconds };
  const account = await findAgentCredentials(db, v.email);
  const matches = await verifyPassword(v.password, account?.passwordHash ?? null);
  const secret = account?.totpSecret ? openTotpSecret(account.id, account.totpSecret) : null;
  const step = matchTotpStep(secret, v.code.replace(" ", ""));
  if (!account || !matches || account.disabled || step === null) return { status: "refused" };
  if (!(await claimTotpStep(db, account.id, step))) return { status: "refused" };
  await recordAudit(
    db,
    { type: "agent", agentId: account.id },
    "agent.signed_in",
    {},
    { detail: "totp", requestId: ctx.requestId },
  );
  return { status: "ok", agentId: account.id, epoch: account.sessionEpoch };
}

/**
 * Agent sign-out, without the HTTP parts (the action then clears the cookie): the account's epoch moves on, so
 * every copy of the session cookie stops working, and the event is audited, in one transaction.
 */
export async function signOutAgent(db: Database, session: AgentSession, ctx: RequestContext = {}): Promise<void> {
  await db.transaction(async (tx) => {
    await endAgentSessions(tx, session.agentId);
    await recordAudit(tx, { type: "agent", agentId: session.agentId }, "agent.signed_out", {}, ctx);
  });
}
