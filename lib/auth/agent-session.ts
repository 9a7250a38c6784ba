import { env } from "@/lib/env";
import { AGENT_ABSOLUTE_SECONDS, AGENT_IDLE_SECONDS } from "./policy";
import { nowSeconds, type Slide, slideToken } from "./session";
import { decodeSessionToken, encodeSessionToken, type TokenClaims } from "./session-token";

// The agent session: its own cookie (a traveller session and an agent session never share one), in the same
// signed and encrypted token format as the traveller's (session-token.ts), naming only the agent's id and the
// account's session epoch (signing out or disabling the account raises it, which ends every earlier token at once,
// whoever holds a copy). Sent only to /agent pages, SameSite=Strict. The proxy slides the idle timeout
// (slideAgentSession); pages and actions read it through lib/auth/agent.ts, which re-checks the account against
// the database.

export function agentCookie() {
  const production = env().APP_ENV === "production";
  return {
    name: production ? "__Secure-portal.agent" : "portal.agent",
    options: { httpOnly: true, sameSite: "strict" as const, path: "/agent", secure: production },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Who a token names: the agent and the session epoch it was issued in (agents.session_epoch). */
export type AgentClaims = { agentId: string; epoch: number };

/** The agent a decoded token names, or null (none, malformed, or past the absolute timeout). */
export function agentOf(claims: TokenClaims | null, now = nowSeconds()): AgentClaims | null {
  if (!claims || typeof claims.authAt !== "number" || now - claims.authAt > AGENT_ABSOLUTE_SECONDS) return null;
  const { agentId, epoch } = claims;
  if (typeof agentId !== "string" || !UUID.test(agentId) || typeof epoch !== "number" || !Number.isSafeInteger(epoch))
    return null;
  return { agentId, epoch };
}

const decode = (token: string, now: number) =>
  decodeSessionToken({ token, secret: env().AUTH_SECRET, salt: agentCookie().name, now });

export function readAgentToken(token: string, now = nowSeconds()): AgentClaims | null {
  return agentOf(decode(token, now), now);
}

/** A fresh agent session token (at sign-in). */
export function issueAgentToken(agent: AgentClaims, now = nowSeconds()): { token: string; expires: Date } {
  const claims = { agentId: agent.agentId, epoch: agent.epoch, authAt: now };
  const token = encodeSessionToken({
    claims,
    secret: env().AUTH_SECRET,
    salt: agentCookie().name,
    maxAge: AGENT_IDLE_SECONDS,
    now,
  });
  return { token, expires: new Date((now + AGENT_IDLE_SECONDS) * 1000) };
}

/** The proxy's sliding refresh: the travellers' rule (lib/auth/session.ts), with the agent timeouts. */
export const slideAgentSession = (token: string, now = nowSeconds()): Slide =>
  slideToken(
    token,
    {
      salt: agentCookie().name,
      idleSeconds: AGENT_IDLE_SECONDS,
      absoluteSeconds: AGENT_ABSOLUTE_SECONDS,
      valid: (c, n) => agentOf(c, n) !== null,
    },
    now,
  );
