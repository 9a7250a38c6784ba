"use server";
import { revalidatePath } from "next/cache";
import { AuthError } from "next-auth";
import { z } from "zod";
import { AgentSignInLimited, agentSignIn, agentSignOut } from "@/agent-auth";
import { anyone, defineAction } from "@/lib/actions/action";
import { type AgentSession, getAgentSession } from "@/lib/auth/agent";
import { agentSignInSchema, markFlagSchema } from "@/lib/forms/agent-sign-in";
import { format } from "@/lib/i18n/locales";
import { agentMessages } from "@/lib/i18n/messages/agent";
import { formatWait } from "@/lib/verification/wait";
import { markFlagNotified } from "./queue";
import { signOutAgent } from "./sign-in";

// The agent console's server actions, through the one action wrapper (lib/actions/action.ts). Agent actions
// authenticate the agent cookie against the database (lib/auth/agent.ts); the proxy is never the check.

const agent = (): Promise<AgentSession | null> => getAgentSession();

const signInAction = defineAction({
  name: "agent.sign-in",
  schema: agentSignInSchema,
  authenticate: anyone,
  handler: async ({ input, locale }) => {
    const t = agentMessages[locale];
    try {
      // next-auth's agent-password provider (agent-auth.ts) applies the rules and sets the session cookie.
      await agentSignIn("agent-password", { ...input, redirectTo: "/agent", redirect: false });
    } catch (err) {
      if (err instanceof AgentSignInLimited)
        return {
          status: "limited",
          message: format(t.signInLimited, { wait: formatWait(locale, err.retryAfterSeconds) }),
        };
      if (err instanceof AuthError && err.type === "CredentialsSignin")
        return { status: "error", message: t.signInRefused };
      throw err;
    }
    return { status: "ok", redirectTo: "/agent" };
  },
});

const markAction = defineAction<typeof markFlagSchema, AgentSession>({
  name: "agent.flag-notified",
  schema: markFlagSchema,
  authenticate: agent,
  unauthenticatedRedirect: "/agent/sign-in?expired=1",
  handler: async ({ db, input, session, locale, requestId }) => {
    const t = agentMessages[locale];
    const outcome = await markFlagNotified(db, session, input, { requestId });
    if (outcome === "not_found") return { status: "error", message: t.notFound };
    revalidatePath("/agent");
    // Back to the queue (the card is gone from "to contact"), which confirms at the top: no name in the URL.
    return { status: "ok", redirectTo: `/agent?marked=${outcome}` };
  },
});

const signOutAction = defineAction({
  name: "agent.sign-out",
  schema: z.object({}),
  // Anyone may sign out (an expired session must still be able to leave). A live one is ended server-side first:
  // the account's epoch moves on, so every copy of the cookie stops working; then next-auth clears the cookie.
  authenticate: anyone,
  handler: async ({ db, requestId }) => {
    const current = await getAgentSession();
    if (current) await signOutAgent(db, current, { requestId });
    await agentSignOut({ redirect: false });
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
