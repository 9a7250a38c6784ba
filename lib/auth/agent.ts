import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { type AgentProfile, findActiveAgent } from "@/db/queries/agents";
import { agentCookie, readAgentToken } from "./agent-session";

// Who the signed-in agent is, re-checked against the database once per request (a disabled account loses access
// at its next request, whatever its cookie says). The (agent) layout, its pages and every agent action call this.

export type AgentSession = { agentId: string; displayName: string };

const checkedAgent = cache(async (): Promise<AgentProfile | null> => {
  const token = (await cookies()).get(agentCookie().name)?.value;
  const claims = token ? readAgentToken(token) : null;
  return claims ? findActiveAgent(await getDb(), claims) : null;
});

export async function getAgentSession(): Promise<AgentSession | null> {
  const a = await checkedAgent();
  return a ? { agentId: a.id, displayName: a.displayName } : null;
}

export async function requireAgent(): Promise<AgentSession> {
  const a = await getAgentSession();
  if (!a) redirect((await cookies()).has(agentCookie().name) ? "/agent/sign-in?expired=1" : "/agent/sign-in");
  return a;
}
