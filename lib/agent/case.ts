import "server-only";
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { closeCase, getAgentCase, getCallerRow, listNoteRows, touchCase } from "@/db/queries/console";
import { listOwnExposures } from "@/db/queries/traveller";
import type { AgentSession } from "@/lib/auth/agent";
import { CATEGORY_NAMES, isCategoryCode } from "@/lib/catalogue/categories";
import { guidanceFor } from "@/lib/catalogue/guidance";
import { openPersonal } from "@/lib/crypto/personal-details";
import type { CaseDto, CaseViewDto } from "@/lib/dto/console";
import { format, type Locale } from "@/lib/i18n/locales";
import { monitoringMessages } from "@/lib/i18n/messages/traveller-monitoring";
import { listCompanions } from "@/lib/traveller/companions";
import { isMinorOn, toIsoDate } from "@/lib/traveller/dates";
import { maskedNameOf } from "@/lib/traveller/initials";
import { maskEmail } from "@/lib/traveller/mask";
import { getMonitoringStatus } from "@/lib/traveller/monitoring";
import type { Traveller } from "@/lib/traveller/viewer";
import { openNote } from "./case-notes";

// A case: one call, scoped to the agent who opened it and to the one person verified on it. Every page view and
// action goes through openCase: another agent's case, a changed id, a closed case or one not yet verified gives
// nothing. The case acts as that person would on the web, through the traveller services (lib/traveller/*),
// with the agent recorded as the actor.

/** A case closes after this long without a view or an action; reopening needs a new code. */
export const CASE_IDLE_SECONDS = 30 * 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type OpenCase = {
  id: string;
  personId: number;
  bookingId: number;
  /** The caller as a traveller service sees a verified traveller. */
  traveller: Traveller;
  callerLanguage: Locale;
  name: string;
  email: string | null;
  route: string;
  flightDate: string;
};

type Found =
  | { status: "open"; c: OpenCase }
  | { status: "unverified"; c: OpenCase }
  | { status: "closed" }
  | { status: "not_found" };

/** The agent's own case by id, closing it first if it sat idle too long. */
async function findCase(db: Database, agent: AgentSession, caseId: string, now: Date): Promise<Found> {
  if (!UUID.test(caseId)) return { status: "not_found" };
  const row = await getAgentCase(db, caseId, agent.agentId);
  if (!row) return { status: "not_found" };
  if (row.closedAt) return { status: "closed" };
  if (row.verifiedAt && now.getTime() - row.lastActivityAt.getTime() > CASE_IDLE_SECONDS * 1000) {
    if (await closeCase(db, row.id, now))
      await recordAudit(
        db,
        { type: "agent", agentId: agent.agentId },
        "console.case_closed",
        { personId: row.personId, bookingId: row.bookingId, ref: row.id },
        { reason: "idle" },
      );
    return { status: "closed" };
  }
  const caller = await getCallerRow(db, row.personId, row.bookingId);
  // The record was withdrawn since: nothing to show.
  if (!caller) return { status: "not_found" };
  const personal = openPersonal(caller.personalEnc, caller.incidentId, caller.externalId);
  const minor = isMinorOn(personal.dateOfBirth, toIsoDate(now));
  const c: OpenCase = {
    id: row.id,
    personId: row.personId,
    bookingId: row.bookingId,
    traveller: {
      session: { personId: row.personId, bookingId: row.bookingId, incidentId: caller.incidentId },
      passenger: { givenName: caller.givenName, isBooker: caller.role === "booker" },
    },
    callerLanguage: caller.language === "fr" ? "fr" : "en",
    name: maskedNameOf(caller.givenName, caller.familyName, minor),
    email: personal.email ? maskEmail(personal.email) : null,
    route: caller.route,
    flightDate: caller.flightDate,
  };
  return row.verifiedAt ? { status: "open", c } : { status: "unverified", c };
}

/** For actions: the open, verified case, kept alive; null otherwise (the action answers "not found"). */
export async function openCase(db: Database, agent: AgentSession, caseId: string, now = new Date()) {
  const found = await findCase(db, agent, caseId, now);
  if (found.status !== "open") return null;
  await touchCase(db, found.c.id, now);
  return found.c;
}

/**
 * The case page. Not found (another agent's, a made-up id) → null, and the page answers 404. Not yet verified →
 * only the masked name and address the code went to. Open → the script, companions, monitoring and notes;
 * the view is audited.
 */
export async function viewCase(
  db: Database,
  agent: AgentSession,
  caseId: string,
  ctx: { requestId?: string } = {},
  now = new Date(),
): Promise<CaseViewDto | null> {
  const found = await findCase(db, agent, caseId, now);
  if (found.status === "not_found") return null;
  if (found.status === "closed") return { status: "closed" };
  const { c } = found;
  if (found.status === "unverified") return { status: "unverified", id: c.id, name: c.name, email: c.email };
  await touchCase(db, c.id, now);
  const t = c.traveller;
  const lang = c.callerLanguage;
  const [exposureRows, companions, monitoring, notes] = await Promise.all([
    listOwnExposures(db, c.personId),
    listCompanions(db, t, now),
    getMonitoringStatus(db, t, now),
    listNoteRows(db, c.personId, 50),
  ]);
  await recordAudit(
    db,
    { type: "agent", agentId: agent.agentId },
    "console.case_viewed",
    { personId: c.personId, bookingId: c.bookingId, ref: c.id },
    { requestId: ctx.requestId },
  );
  const dto: CaseDto = {
    id: c.id,
    name: c.name,
    email: c.email,
    callerLanguage: lang,
    isBooker: t.passenger.isBooker,
    route: c.route,
    flightDate: c.flightDate,
    exposures: exposureRows.flatMap((e) => {
      if (!isCategoryCode(e.category)) return [];
      const g = guidanceFor(e.category, lang);
      return [
        {
          category: e.category,
          name: CATEGORY_NAMES[e.category][lang],
          meaning: g.meaning,
          steps: g.items.map((i) => ({ title: i.title, detail: i.detail })),
        },
      ];
    }),
    companions: companions.map((m) => ({
      ref: m.ref,
      initials: m.initials,
      affected: m.affected,
      flagged: m.flagged,
      hasEmailOnFile: m.hasEmailOnFile,
      guardian: m.guardian,
    })),
    monitoring: {
      open: monitoring.open,
      enrolBy: monitoring.enrolBy,
      termMonths: monitoring.termMonths,
      // Never the activation code here: that only through revealActivationCode, with a reason.
      enrolment: monitoring.enrolment
        ? { enrolledOn: monitoring.enrolment.enrolledOn, termEndsOn: monitoring.enrolment.termEndsOn }
        : null,
    },
    notes: notes.map((n) => ({
      id: n.id,
      text: openNote(n.noteEnc, n.id, n.caseId),
      at: n.createdAt.toISOString(),
      agentName: n.agentName,
    })),
    consentScript: format(monitoringMessages[lang].consentLabel, { months: monitoring.termMonths }),
  };
  return { status: "open", case: dto };
}

/** The agent ends the call: the case closes for good (a new call needs a new code). */
export async function endCall(db: Database, agent: AgentSession, caseId: string, now = new Date()): Promise<boolean> {
  if (!UUID.test(caseId)) return false;
  const row = await getAgentCase(db, caseId, agent.agentId);
  if (!row || !(await closeCase(db, row.id, now))) return false;
  await recordAudit(
    db,
    { type: "agent", agentId: agent.agentId },
    "console.case_closed",
    { personId: row.personId, bookingId: row.bookingId, ref: row.id },
    { reason: "ended" },
  );
  return true;
}
