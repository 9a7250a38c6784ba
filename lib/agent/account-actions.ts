"use server";
import { revalidatePath } from "next/cache";
import { anyone, defineAction } from "@/lib/actions/action";
import { type AgentSession, getAgentSession } from "@/lib/auth/agent";
import {
  approveResetSchema,
  createAgentSchema,
  enrolSchema,
  setDisabledSchema,
  startResetSchema,
} from "@/lib/forms/agent-accounts";
import { format, type Locale } from "@/lib/i18n/locales";
import { agentAccountMessages } from "@/lib/i18n/messages/agent-accounts";
import { deliverMailAfterResponse } from "@/lib/mail/deliver-after";
import {
  type AdminOutcome,
  approveReset,
  completeEnrolment,
  createAccountBySupervisor,
  setAccountDisabled,
  startReset,
} from "./agent-admin";

// The agents page's server actions (/agent/agents) and the enrolment page's. Each supervisor action checks the
// role itself, on the server (the page's check is not enough: an action can be called without the page), and the
// service checks it again; an agent without the role is refused ("only supervisors") and nothing changes.

const agent = (): Promise<AgentSession | null> => getAgentSession();
const PAGE = "/agent/agents";

function result(outcome: AdminOutcome, locale: Locale, ok: string) {
  const t = agentAccountMessages[locale];
  if (outcome === "ok") {
    revalidatePath(PAGE);
    return { status: "ok" as const, message: ok };
  }
  const message =
    outcome === "exists"
      ? t.exists
      : outcome === "already_open"
        ? t.resetAlreadyOpen
        : outcome === "gone"
          ? t.gone
          : outcome === "forbidden"
            ? t.forbidden
            : t.notAllowed;
  return { status: "error" as const, message };
}

const forbidden = (locale: Locale) => ({ status: "error" as const, message: agentAccountMessages[locale].forbidden });

const createAction = defineAction<typeof createAgentSchema, AgentSession>({
  name: "agent.account-create",
  schema: createAgentSchema,
  authenticate: agent,
  unauthenticatedRedirect: "/agent/sign-in?expired=1",
  handler: async ({ db, input, session, locale }) => {
    if (session.role !== "supervisor") return forbidden(locale);
    const outcome = await createAccountBySupervisor(db, session, input);
    if (outcome === "ok") deliverMailAfterResponse("agent.account-create");
    return result(outcome, locale, format(agentAccountMessages[locale].created, { email: input.email }));
  },
});

const disableAction = defineAction<typeof setDisabledSchema, AgentSession>({
  name: "agent.account-disable",
  schema: setDisabledSchema,
  authenticate: agent,
  unauthenticatedRedirect: "/agent/sign-in?expired=1",
  handler: async ({ db, input, session, locale }) => {
    if (session.role !== "supervisor") return forbidden(locale);
    const t = agentAccountMessages[locale];
    return result(
      await setAccountDisabled(db, session, input),
      locale,
      input.disabled === "true" ? t.disabledDone : t.enabledDone,
    );
  },
});

const startResetAction = defineAction<typeof startResetSchema, AgentSession>({
  name: "agent.reset-start",
  schema: startResetSchema,
  authenticate: agent,
  unauthenticatedRedirect: "/agent/sign-in?expired=1",
  handler: async ({ db, input, session, locale }) => {
    if (session.role !== "supervisor") return forbidden(locale);
    return result(await startReset(db, session, input), locale, agentAccountMessages[locale].resetStarted);
  },
});

const approveResetAction = defineAction<typeof approveResetSchema, AgentSession>({
  name: "agent.reset-approve",
  schema: approveResetSchema,
  authenticate: agent,
  unauthenticatedRedirect: "/agent/sign-in?expired=1",
  handler: async ({ db, input, session, locale }) => {
    if (session.role !== "supervisor") return forbidden(locale);
    const outcome = await approveReset(db, session, input);
    if (outcome !== "ok") return result(outcome, locale, "");
    deliverMailAfterResponse("agent.reset-approve");
    revalidatePath(PAGE);
    // The request leaves the list (and its button with it): the page says what happened, at the top.
    return { status: "ok", redirectTo: `${PAGE}?approved=1` };
  },
});

const enrolAction = defineAction({
  name: "agent.enrol",
  schema: enrolSchema,
  // The link's token is the credential here (whoever holds the mailbox); the service checks it.
  authenticate: anyone,
  handler: async ({ db, input, locale }) => {
    const t = agentAccountMessages[locale];
    const outcome = await completeEnrolment(db, input);
    if (outcome === "ok") return { status: "ok", redirectTo: "/agent/sign-in?enrolled=1" };
    if (outcome === "bad_code")
      return { status: "invalid", fieldErrors: { code: ["codeInvalid"] }, message: t.enrolBadCode };
    // A field the link needs was left empty (the form shows only the fields this link sets).
    if (outcome === "invalid")
      return {
        status: "invalid",
        fieldErrors: {
          ...(input.password ? {} : { password: ["passwordTooShort"] }),
          ...(input.code ? {} : { code: ["codeRequired"] }),
        },
      };
    return { status: "error", message: t.enrolGone };
  },
});

export async function createAgentAccountAction(prev: Parameters<typeof createAction>[0], raw: unknown) {
  return createAction(prev, raw);
}
export async function setAgentDisabledAction(prev: Parameters<typeof disableAction>[0], raw: unknown) {
  return disableAction(prev, raw);
}
export async function startAgentResetAction(prev: Parameters<typeof startResetAction>[0], raw: unknown) {
  return startResetAction(prev, raw);
}
export async function approveAgentResetAction(prev: Parameters<typeof approveResetAction>[0], raw: unknown) {
  return approveResetAction(prev, raw);
}
export async function enrolAgentAction(prev: Parameters<typeof enrolAction>[0], raw: unknown) {
  return enrolAction(prev, raw);
}
