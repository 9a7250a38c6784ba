"use server";
import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import { z } from "zod";
import { endAgentSessions } from "@/db/queries/agents";
import { recordAgentEvent } from "@/db/queries/audit";
import { anyone, defineAction } from "@/lib/actions/action";
import { type AgentSession, getAgentSession } from "@/lib/auth/agent";
import { agentCookie, issueAgentToken } from "@/lib/auth/agent-session";
import { agentSignInSchema, markFlagSchema } from "@/lib/forms/agent-sign-in";
import { format } from "@/lib/i18n/locales";
import { agentMessages } from "@/lib/i18n/messages/agent";
import { clientIpFrom } from "@/lib/rate-limit";
import { markFlagNotified } from "./queue";
import { signInAgent } from "./sign-in";

// The agent console's server actions, through the one action wrapper (lib/actions/action.ts). Agent actions
// authenticate the agent cookie against the database (lib/auth/agent.ts); the proxy is never the check.

const agent = (): Promise<AgentSession | null> => getAgentSession();

const signInAction = defineAction({
  name: "agent.sign-in",
  schema: agentSignInSchema,
  authenticate: anyone,
  handler: async ({ db, input, locale }) => {
    const t = agentMessages[locale];
    const outcome = await signInAgent(db, input, { ip: clientIpFrom(await headers()) });
    if (outcome.status === "limited")
      return {
        status: "limited",
        message: format(t.signInLimited, { minutes: Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60)) }),
      };
    if (outcome.status === "refused") return { status: "error", message: t.signInRefused };
    const { name, options } = agentCookie();
    const { token, expires } = issueAgentToken({ agentId: outcome.agentId, epoch: outcome.epoch });
    (await cookies()).set(name, token, { ...options, expires });
    return { status: "ok", redirectTo: "/agent" };
  },
});

const markAction = defineAction<typeof markFlagSchema, AgentSession>({
  name: "agent.flag-notified",
  schema: markFlagSchema,
  authenticate: agent,
  unauthenticatedRedirect: "/agent/sign-in?expired=1",
  handler: async ({ db, input, session, locale }) => {
    const t = agentMessages[locale];
    const outcome = await markFlagNotified(db, session, input);
    if (outcome === "not_found") return { status: "error", message: t.notFound };
    revalidatePath("/agent");
    // Back to the queue (the card is gone from "to contact"), which confirms at the top: no name in the URL.
    return { status: "ok", redirectTo: `/agent?marked=${outcome}` };
  },
});

const signOutAction = defineAction({
  name: "agent.sign-out",
  schema: z.object({}),
  // Anyone may sign out (an expired session must still be able to leave); a live one is also ended server-side.
  authenticate: anyone,
  handler: async ({ db }) => {
    const current = await getAgentSession();
    if (current) {
      await endAgentSessions(db, current.agentId);
      await recordAgentEvent(db, { agentId: current.agentId, action: "agent.signed_out" });
    }
    const { name, options } = agentCookie();
    (await cookies()).set(name, "", { ...options, maxAge: 0 });
    return { status: "ok", redirectTo: "/agent/sign-in?signedOut=1" };
  },
});

export async function signInAgentAction(prev: Parameters<typeof signInAction>[0], raw: unknown) {
  return signInAction(prev, raw);
}
export async function markFlagNotifiedAction(prev: Parameters<typeof markAction>[0], raw: unknown) {
  return markAction(prev, raw);
}
export async function signOutAgentAction(prev: Parameters<typeof signOutAction>[0], raw: unknown) {
  return signOutAction(prev, raw);
}
