import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { Session } from "next-auth";
import { cache } from "react";
import { agentAuth } from "@/agent-auth";
import { type Database, getDb } from "@/db/client";
import { findActiveAgent } from "@/db/queries/agents";
import type { AgentRole } from "@/db/schema";
import { env } from "@/lib/env";
import { agentClaimsOf } from "./claims";
import { agentCookies } from "./cookies";

// Who the signed-in agent is: next-auth's agent session (agent-auth.ts), re-checked against the database once per
// request (a disabled account, or one that signed out since, loses access at its next request, whatever its
// cookie says). The (agent) layout, its pages and every agent action call this.

export type AgentSession = { agentId: string; displayName: string; role: AgentRole };

/** The session next-auth read, checked against the account: exists, not disabled, the token's epoch current. */
export async function checkAgentSession(db: Database, session: Session | null): Promise<AgentSession | null> {
  const claims = agentClaimsOf(session?.user);
  const a = claims ? await findActiveAgent(db, claims) : null;
  return a ? { agentId: a.id, displayName: a.displayName, role: a.role } : null;
}

const checkedAgent = cache(
  async (): Promise<AgentSession | null> => checkAgentSession(await getDb(), await agentAuth()),
);

export async function getAgentSession(): Promise<AgentSession | null> {
  return checkedAgent();
}

export async function requireAgent(): Promise<AgentSession> {
  const a = await getAgentSession();
  if (!a) {
    const name = agentCookies(env().APP_ENV === "production").sessionToken.name;
    redirect((await cookies()).has(name) ? "/agent/sign-in?expired=1" : "/agent/sign-in");
  }
  return a;
}

/**
 * For supervisor pages: an agent without the role gets the not-found page, as if the page did not exist (nothing
 * tells a curious agent what is there). The role is read from the database on every request, never from the token.
 */
export async function requireSupervisor(): Promise<AgentSession> {
  const a = await requireAgent();
  if (a.role !== "supervisor") notFound();
  return a;
}
