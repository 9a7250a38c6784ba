import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { insertNote } from "@/db/queries/console";
import type { AgentSession } from "@/lib/auth/agent";
import type { RevealReason } from "@/lib/forms/agent-case";
import { flagCompanion, listGuardedCompanions } from "@/lib/traveller/companions";
import {
  type EnrolOutcome,
  enrolInMonitoring,
  getMonitoringStatus,
  listGuardedMinors,
  type ResendOutcome,
  resendEnrolmentEmail,
} from "@/lib/traveller/monitoring";
import { openCase } from "./case";
import { sealNote } from "./case-notes";

// What an agent does for a verified caller, each through the case (openCase: this agent's, verified, open) and
// the same traveller service the web uses, with the agent as the actor. None of them changes contact details:
// there is no way to, by design (changing them by phone is how account takeovers start).

type Subject = "self" | number;
type Ctx = { requestId?: string };
const agentActor = (agent: AgentSession) => ({ type: "agent", agentId: agent.agentId }) as const;

/** Enrols the caller (or, for a verified booker, a minor on the booking) by phone: channel `phone`, agent recorded. */
export async function enrolByPhone(
  db: Database,
  agent: AgentSession,
  input: { caseId: string; subject: Subject },
  now = new Date(),
): Promise<EnrolOutcome | { status: "not_found" }> {
  const c = await openCase(db, agent, input.caseId, now);
  if (!c) return { status: "not_found" };
  return enrolInMonitoring(db, c.traveller, { subject: input.subject }, now, { by: { agentId: agent.agentId } });
}

export async function flagForCaller(
  db: Database,
  agent: AgentSession,
  input: { caseId: string; companion: number },
  now = new Date(),
) {
  const c = await openCase(db, agent, input.caseId, now);
  if (!c) return { status: "not_found" as const };
  // No contact address is taken by phone: the companion team reaches them from the records.
  return flagCompanion(db, c.traveller, { companion: input.companion, contactEmail: undefined }, now, {
    by: { agentId: agent.agentId },
  });
}

export async function resendForCaller(
  db: Database,
  agent: AgentSession,
  input: { caseId: string; subject: Subject },
  now = new Date(),
): Promise<ResendOutcome | "not_found"> {
  const c = await openCase(db, agent, input.caseId, now);
  if (!c) return "not_found";
  return resendEnrolmentEmail(db, c.traveller, { subject: input.subject }, { agentId: agent.agentId }, now);
}

/** A call note, encrypted at rest, on the case's person; audited (the event never holds the text). */
export async function addCallNote(
  db: Database,
  agent: AgentSession,
  input: { caseId: string; note: string },
  ctx: Ctx = {},
  now = new Date(),
): Promise<"added" | "not_found"> {
  const c = await openCase(db, agent, input.caseId, now);
  if (!c) return "not_found";
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await insertNote(tx, {
      id,
      caseId: c.id,
      agentId: agent.agentId,
      personId: c.personId,
      noteEnc: sealNote(input.note, id, c.id),
    });
    await recordAudit(
      tx,
      agentActor(agent),
      "console.note_added",
      { personId: c.personId, bookingId: c.bookingId, ref: c.id },
      { requestId: ctx.requestId },
    );
  });
  return "added";
}

export type RevealOutcome = { status: "shown"; code: string } | { status: "not_enrolled" } | { status: "not_found" };

/**
 * The activation code, to read out, only with a reason from the list; the reveal is audited with that reason
 * before the code leaves this function.
 */
export async function revealActivationCode(
  db: Database,
  agent: AgentSession,
  input: { caseId: string; subject: Subject; reason: RevealReason },
  ctx: Ctx = {},
  now = new Date(),
): Promise<RevealOutcome> {
  const c = await openCase(db, agent, input.caseId, now);
  if (!c) return { status: "not_found" };
  const t = c.traveller;
  let personId = c.personId;
  let code: string | null = null;
  if (input.subject === "self") {
    code = (await getMonitoringStatus(db, t, now)).enrolment?.activationCode ?? null;
  } else {
    const minor = (await listGuardedMinors(db, t, now)).find((m) => m.ref === input.subject);
    if (!minor) return { status: "not_found" };
    code = minor.enrolment?.activationCode ?? null;
    personId = (await listGuardedCompanions(db, t, now)).find((m) => m.ref === input.subject)?.personId ?? personId;
  }
  if (!code) return { status: "not_enrolled" };
  await recordAudit(
    db,
    agentActor(agent),
    "console.activation_code_revealed",
    { personId, bookingId: c.bookingId, ref: c.id },
    { reason: input.reason, requestId: ctx.requestId },
  );
  return { status: "shown", code };
}
