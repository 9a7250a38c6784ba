"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { type AgentSession, getAgentSession } from "@/lib/auth/agent";
import { caseOnlySchema } from "@/lib/forms/agent-case";
import { agentNoticeMessages } from "@/lib/i18n/messages/agent-notices";
import { currentRequestId } from "@/lib/request-id";
import { revokeRewardsLinkForCase } from "./case-notices";

// The case view's notice action (lib/agent/case-notices.ts): any signed-in agent, on their own open case only.

const revokeAction = defineAction<typeof caseOnlySchema, AgentSession>({
  name: "console.revoke_rewards_link",
  schema: caseOnlySchema,
  authenticate: () => getAgentSession(),
  unauthenticatedRedirect: "/agent/sign-in?expired=1",
  handler: async ({ db, input, session, locale }) => {
    const t = agentNoticeMessages[locale];
    const r = await revokeRewardsLinkForCase(db, session, input.case, { requestId: await currentRequestId() });
    revalidatePath(`/agent/case/${input.case}`);
    if (r === "not_found") return { status: "error", message: t.notFoundCase };
    return { status: "ok", message: r === "revoked" ? t.revoked : t.noneToRevoke };
  },
});

export async function revokeRewardsLinkFormAction(prev: Parameters<typeof revokeAction>[0], raw: unknown) {
  return revokeAction(prev, raw);
}
