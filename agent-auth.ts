import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { signInAgentWithPasskey } from "@/lib/agent/passkeys";
import { type AgentSignInOutcome, signInAgent } from "@/lib/agent/sign-in";
import { agentSessionConfig } from "@/lib/auth/agent-config";
import type { AgentClaims } from "@/lib/auth/claims";
import { passkeySignInSchema } from "@/lib/forms/agent-passkeys";
import { agentSignInSchema } from "@/lib/forms/agent-sign-in";
import { clientIpFrom } from "@/lib/rate-limit";
import { currentRequestId } from "@/lib/request-id";

// Agents' sessions through next-auth: their own configuration (cookie confined to /agent, SameSite=Strict, own
// timeouts: lib/auth/agent-config.ts). The `agent-password` provider applies the sign-in rules of
// lib/agent/sign-in.ts (limits, the same answer and work for every refusal, audit events); the token names the
// agent and the account's session epoch, which sign-out and disabling raise (lib/auth/agent.ts re-checks it on
// every request). The `agent-passkey` provider does the same with a passkey (lib/agent/passkeys.ts). Only the
// sign-in server actions call them (lib/agent/actions.ts, lib/agent/passkey-actions.ts); no HTTP route serves them.

/** Refused: unknown email, wrong password, wrong or used code, or disabled account, indistinguishably. */
export class AgentSignInRefused extends CredentialsSignin {
  code = "refused";
}

/** Too many attempts; the action tells the agent when to try again. */
export class AgentSignInLimited extends CredentialsSignin {
  code = "limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/** Both providers end the same way: the same claims for the same outcome, the same errors for the others. */
function claimsOf(outcome: AgentSignInOutcome): AgentClaims & { id: string } {
  if (outcome.status === "limited") throw new AgentSignInLimited(outcome.retryAfterSeconds);
  if (outcome.status === "refused") throw new AgentSignInRefused();
  return { id: outcome.agentId, agentId: outcome.agentId, epoch: outcome.epoch };
}

const agentPassword = Credentials({
  id: "agent-password",
  credentials: { email: {}, password: {}, code: {} },
  async authorize(raw, request): Promise<AgentClaims & { id: string }> {
    const parsed = agentSignInSchema.safeParse(raw);
    if (!parsed.success) throw new AgentSignInRefused();
    return claimsOf(
      await signInAgent(await getDb(), parsed.data, {
        ip: clientIpFrom(request.headers),
        requestId: await currentRequestId(),
      }),
    );
  },
});

/** A passkey instead of all three fields: its assertion is verified by lib/agent/passkeys.ts. */
const agentPasskey = Credentials({
  id: "agent-passkey",
  credentials: { response: {} },
  async authorize(raw, request): Promise<AgentClaims & { id: string }> {
    const parsed = passkeySignInSchema.safeParse(raw);
    if (!parsed.success) throw new AgentSignInRefused();
    const ip = clientIpFrom(request.headers);
    return claimsOf(await signInAgentWithPasskey(await getDb(), parsed.data.response, { ip }));
  },
});

/** The whole agent configuration (tests drive it through next-auth's own handlers). */
export const agentAuthConfig = (): NextAuthConfig => ({
  ...agentSessionConfig(),
  providers: [agentPassword, agentPasskey],
});

export const { auth: agentAuth, signIn: agentSignIn, signOut: agentSignOut } = NextAuth(agentAuthConfig);
