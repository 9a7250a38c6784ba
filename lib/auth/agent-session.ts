import { env } from "@/lib/env";
import { AGENT_ABSOLUTE_SECONDS, AGENT_IDLE_SECONDS } from "./policy";
import { REFRESH_AFTER_SECONDS, nowSeconds, type Slide } from "./session";
import { decodeSessionToken, encodeSessionToken, type TokenClaims } from "./session-token";

// The agent session: its own cookie (a traveller session and an agent session never share one), in the same
// signed and encrypted token format as the traveller's (session-token.ts), naming only the agent's id. Sent only to
// /agent pages, SameSite=Strict. The proxy slides the idle timeout (slideAgentSession); pages and actions read
// it through lib/auth/agent.ts, which re-checks the account against the database.

export function agentCookie() {
  const production = env().APP_ENV === "production";
  return {
    name: production ? "__Secure-portal.agent" : "portal.agent",
    options: { httpOnly: true, sameSite: "strict" as const, path: "/agent", secure: production },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The agent id a decoded token names, or null (none, malformed, or past the absolute timeout). */
export function agentOf(claims: TokenClaims | null, now = nowSeconds()): string | null {
  if (!claims || typeof claims.authAt !== "number" || now - claims.authAt > AGENT_ABSOLUTE_SECONDS) return null;
  return typeof claims.agentId === "string" && UUID.test(claims.agentId) ? claims.agentId : null;
}

const decode = (token: string, now: number) => decodeSessionToken({ token, secret: env().AUTH_SECRET, salt: agentCookie().name, now });

export function readAgentToken(token: string, now = nowSeconds()): string | null {
  return agentOf(decode(token, now), now);
}

/** A fresh agent session token (at sign-in). */
export function issueAgentToken(agentId: string, now = nowSeconds()): { token: string; expires: Date } {
  const token = encodeSessionToken({ claims: { agentId, authAt: now }, secret: env().AUTH_SECRET, salt: agentCookie().name, maxAge: AGENT_IDLE_SECONDS, now });
  return { token, expires: new Date((now + AGENT_IDLE_SECONDS) * 1000) };
}

/** The proxy's sliding refresh, as for travellers (lib/auth/session.ts), with the agent timeouts. */
export function slideAgentSession(token: string, now = nowSeconds()): Slide {
  const claims = decode(token, now);
  if (!agentOf(claims, now)) return { kind: "clear" };
  if (typeof claims!.iat === "number" && now - claims!.iat < REFRESH_AFTER_SECONDS) return { kind: "keep" };
  const maxAge = Math.min(AGENT_IDLE_SECONDS, (claims!.authAt as number) + AGENT_ABSOLUTE_SECONDS - now);
  const next = encodeSessionToken({ claims: claims!, secret: env().AUTH_SECRET, salt: agentCookie().name, maxAge, now });
  return { kind: "reissue", token: next, expires: new Date((now + maxAge) * 1000) };
}
