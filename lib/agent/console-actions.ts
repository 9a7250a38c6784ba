"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { defineAction } from "@/lib/actions/action";
import { type AgentSession, getAgentSession } from "@/lib/auth/agent";
import type { CallerResultDto } from "@/lib/dto/console";
import { formatDate } from "@/lib/format";
import {
  callerSearchSchema,
  caseCodeSchema,
  caseFlagSchema,
  caseNoteSchema,
  caseOnlySchema,
  caseSubjectSchema,
  phoneEnrolSchema,
  revealSchema,
  sendCodeSchema,
} from "@/lib/forms/agent-case";
import { format } from "@/lib/i18n/locales";
import { agentCaseMessages } from "@/lib/i18n/messages/agent-case";
import { deliverMailAfterResponse } from "@/lib/mail/deliver-after";
import { clientIpFrom } from "@/lib/rate-limit";
import { currentRequestId } from "@/lib/request-id";
import { formatWait } from "@/lib/verification/wait";
import { checkCallerCode, searchCallers, sendCallerCode } from "./callers";
import { endCall } from "./case";
import { addCallNote, enrolByPhone, flagForCaller, resendForCaller, revealActivationCode } from "./case-actions";

// The console's caller and case actions, through the one action wrapper (lib/actions/action.ts): the agent is
// re-checked against the database, the form re-parsed with the schema the browser used, and the service
// authorises the case (this agent's, verified, open). Results carry messages, never personal data, except the
// activation code after an audited reveal.

const agent = (): Promise<AgentSession | null> => getAgentSession();
const SIGN_IN = "/agent/sign-in?expired=1";

/** The client address (for the search and code limits) and the request's id (proxy.ts), for the audit record. */
async function callContext() {
  return { ip: clientIpFrom(await headers()), requestId: await currentRequestId() };
}

export type SearchData = { results: CallerResultDto[] };

const searchAction = defineAction<typeof callerSearchSchema, AgentSession, SearchData>({
  name: "console.search",
  schema: callerSearchSchema,
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, input, session, locale }) => {
    const t = agentCaseMessages[locale];
    const outcome = await searchCallers(db, session, input, await callContext());
    if (outcome.status === "limited")
      return { status: "limited", message: format(t.limited, { wait: formatWait(locale, outcome.retryAfterSeconds) }) };
    return { status: "ok", data: { results: outcome.results } };
  },
});

const sendCodeAction = defineAction<typeof sendCodeSchema, AgentSession>({
  name: "console.send-code",
  schema: sendCodeSchema,
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, input, session, locale }) => {
    const t = agentCaseMessages[locale];
    const outcome = await sendCallerCode(db, session, input.result, await callContext());
    if (outcome.status === "sent") {
      // Codes expire: deliver now rather than at the worker's next pass.
      deliverMailAfterResponse("console.send-code");
      return { status: "ok", redirectTo: `/agent/case/${outcome.caseId}` };
    }
    if (outcome.status === "limited") return { status: "limited", message: t.codeCapped };
    return { status: "error", message: outcome.status === "no_email" ? t.noEmailVerify : t.handleExpired };
  },
});

const checkCodeAction = defineAction<typeof caseCodeSchema, AgentSession>({
  name: "console.check-code",
  schema: caseCodeSchema,
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, input, session, locale }) => {
    const t = agentCaseMessages[locale];
    const outcome = await checkCallerCode(db, session, { caseId: input.case, code: input.code }, await callContext());
    if (outcome === "verified") return { status: "ok", redirectTo: `/agent/case/${input.case}` };
    return { status: "error", message: outcome === "not_found" ? t.notFoundCase : t.codeWrong };
  },
});

const endCallAction = defineAction<typeof caseOnlySchema, AgentSession>({
  name: "console.end-call",
  schema: caseOnlySchema,
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, input, session }) => {
    await endCall(db, session, input.case);
    return { status: "ok", redirectTo: "/agent/callers" };
  },
});

const enrolAction = defineAction<typeof phoneEnrolSchema, AgentSession>({
  name: "console.enrol",
  schema: phoneEnrolSchema,
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, input, session, locale }) => {
    const t = agentCaseMessages[locale];
    const r = await enrolByPhone(db, session, { caseId: input.case, subject: input.subject });
    revalidatePath(`/agent/case/${input.case}`);
    switch (r.status) {
      case "enrolled":
        if (r.emailed) deliverMailAfterResponse("console.enrol");
        return { status: "ok", message: r.emailed ? t.enrolled : t.enrolledNoEmail };
      case "already":
        return { status: "ok", message: t.already };
      case "closed":
        return { status: "error", message: format(t.monitoringClosed, { date: formatDate(r.enrolBy, locale) }) };
      case "forbidden":
        return { status: "error", message: t.forbidden };
      default:
        return { status: "error", message: t.notFoundCase };
    }
  },
});

const flagAction = defineAction<typeof caseFlagSchema, AgentSession>({
  name: "console.flag",
  schema: caseFlagSchema,
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, input, session, locale }) => {
    const t = agentCaseMessages[locale];
    const r = await flagForCaller(db, session, { caseId: input.case, companion: input.companion });
    revalidatePath(`/agent/case/${input.case}`);
    if (r.status === "not_found") return { status: "error", message: t.notFoundCase };
    return {
      status: "ok",
      message: format(r.status === "flagged" ? t.flagDone : t.flagAlready, { initials: r.initials }),
    };
  },
});

const resendAction = defineAction<typeof caseSubjectSchema, AgentSession>({
  name: "console.resend",
  schema: caseSubjectSchema,
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, input, session, locale }) => {
    const t = agentCaseMessages[locale];
    const r = await resendForCaller(db, session, { caseId: input.case, subject: input.subject });
    if (r === "sent") {
      deliverMailAfterResponse("console.resend");
      return { status: "ok", message: t.resent };
    }
    const message = { no_email: t.resendNoEmail, not_enrolled: t.revealNotEnrolled, forbidden: t.forbidden };
    return { status: "error", message: r === "not_found" ? t.notFoundCase : message[r] };
  },
});

const noteAction = defineAction<typeof caseNoteSchema, AgentSession>({
  name: "console.note",
  schema: caseNoteSchema,
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, input, session, locale }) => {
    const t = agentCaseMessages[locale];
    const r = await addCallNote(db, session, { caseId: input.case, note: input.note }, await callContext());
    revalidatePath(`/agent/case/${input.case}`);
    return r === "added" ? { status: "ok", message: t.noteAdded } : { status: "error", message: t.notFoundCase };
  },
});

const revealAction = defineAction<typeof revealSchema, AgentSession>({
  name: "console.reveal",
  schema: revealSchema,
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, input, session, locale }) => {
    const t = agentCaseMessages[locale];
    const r = await revealActivationCode(
      db,
      session,
      { caseId: input.case, subject: input.subject, reason: input.reason },
      await callContext(),
    );
    if (r.status === "shown") return { status: "ok", message: format(t.revealed, { code: r.code }) };
    return { status: "error", message: r.status === "not_enrolled" ? t.revealNotEnrolled : t.notFoundCase };
  },
});

type Prev<A extends (...args: never[]) => unknown> = Parameters<A>[0];

export async function searchCallersAction(prev: Prev<typeof searchAction>, raw: unknown) {
  return searchAction(prev, raw);
}
export async function sendCodeFormAction(prev: Prev<typeof sendCodeAction>, raw: unknown) {
  return sendCodeAction(prev, raw);
}
export async function checkCodeFormAction(prev: Prev<typeof checkCodeAction>, raw: unknown) {
  return checkCodeAction(prev, raw);
}
export async function endCallFormAction(prev: Prev<typeof endCallAction>, raw: unknown) {
  return endCallAction(prev, raw);
}
export async function enrolFormAction(prev: Prev<typeof enrolAction>, raw: unknown) {
  return enrolAction(prev, raw);
}
export async function flagFormAction(prev: Prev<typeof flagAction>, raw: unknown) {
  return flagAction(prev, raw);
}
export async function resendFormAction(prev: Prev<typeof resendAction>, raw: unknown) {
  return resendAction(prev, raw);
}
export async function noteFormAction(prev: Prev<typeof noteAction>, raw: unknown) {
  return noteAction(prev, raw);
}
export async function revealFormAction(prev: Prev<typeof revealAction>, raw: unknown) {
  return revealAction(prev, raw);
}
