import "server-only";
import type { Database } from "@/db/client";
import { type AuditActor, recordAudit } from "@/db/queries/audit";
import { getIncident } from "@/db/queries/incident";
import {
  type EnrolmentRow,
  getMonitoringFacts,
  insertEnrolmentIfAbsent,
  listEnrolmentRows,
} from "@/db/queries/monitoring";
import { getMailContactRow } from "@/db/queries/traveller";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { openPersonal } from "@/lib/crypto/personal-details";
import type { EnrolmentDto, GuardedMinorDto, MonitoringStatusDto } from "@/lib/dto/traveller";
import type { EnrolMonitoringValues } from "@/lib/forms/enrol-monitoring";
import { providerOf } from "@/lib/incident/current";
import { enqueueMail } from "@/lib/mail/queue";
import { monitoringConfirmationMail } from "@/lib/mail/templates";
import type { RequestContext } from "@/lib/request-id";
import { generateActivationCode } from "./activation-code";
import { listGuardedCompanions } from "./companions";
import { addMonths, isOnOrBefore, toIsoDate } from "./dates";
import type { Traveller } from "./viewer";

// Two-year identity monitoring. Dates are UTC calendar dates (lib/traveller/dates.ts): enrolment is open while
// today (UTC) is on or before the incident's enrol-by date, and the term ends the same day of the month
// `monitoringTermMonths` later (clamped to the month's last day).

/** Activation codes are encrypted and bound to the enrolled person. */
const codeAad = (personId: number) => aadFor("monitoring_enrolments", "activation_code", String(personId));

const toEnrolmentDto = (r: EnrolmentRow): EnrolmentDto => ({
  activationCode: decryptField(r.codeEnc, codeAad(r.personId)),
  enrolledOn: toIsoDate(r.enrolledAt),
  termEndsOn: r.termEndsOn,
});

async function enrolmentOf(db: Database, personId: number): Promise<EnrolmentDto | null> {
  const [row] = await listEnrolmentRows(db, [personId]);
  return row ? toEnrolmentDto(row) : null;
}

/** The session person's own offer and enrolment; whether an email is on file is a null check, never a decryption. */
export async function getMonitoringStatus(db: Database, t: Traveller, now = new Date()): Promise<MonitoringStatusDto> {
  const facts = await getMonitoringFacts(db, t.session);
  // A session always names an imported incident; if it vanished this is a server fault, not "not affected".
  if (!facts) throw new Error("session incident not found");
  return {
    enrolBy: facts.enrolBy,
    termMonths: facts.monitoringTermMonths,
    supportPhone: facts.supportPhone,
    provider: providerOf(facts),
    open: isOnOrBefore(toIsoDate(now), facts.enrolBy),
    enrolment: facts.enrolment ? toEnrolmentDto(facts.enrolment) : null,
    hasEmailOnFile: facts.hasEmailOnFile,
  };
}

/** The minors on the session booking the session person may enrol as guardian: none unless they are the booker. */
export async function listGuardedMinors(db: Database, t: Traveller, now = new Date()): Promise<GuardedMinorDto[]> {
  const minors = await listGuardedCompanions(db, t, now);
  const enrolments = new Map(
    (
      await listEnrolmentRows(
        db,
        minors.map((m) => m.personId),
      )
    ).map((r) => [r.personId, toEnrolmentDto(r)]),
  );
  return minors.map((m) => ({ ref: m.ref, initials: m.initials, enrolment: enrolments.get(m.personId) ?? null }));
}

export type EnrolOutcome =
  | { status: "enrolled" | "already"; enrolment: EnrolmentDto; emailed: boolean }
  | { status: "closed"; enrolBy: string; supportPhone: string }
  | { status: "forbidden" };

/**
 * An agent acting for the person on a phone call (lib/agent/case-actions.ts): the enrolment records the agent and
 * channel `phone`, and the audit event names the agent as the actor.
 */
export type OnCall = { agentId: string };

const actorOf = (s: Traveller["session"], by?: OnCall): AuditActor =>
  by ? { type: "agent", agentId: by.agentId } : { type: "traveller", personId: s.personId };

/** The person enrolled, or as guardian a minor on their booking (the booker only); null when not allowed. */
async function targetOf(db: Database, t: Traveller, subject: EnrolMonitoringValues["subject"], now: Date) {
  return subject === "self"
    ? { personId: t.session.personId, initials: null }
    : ((await listGuardedCompanions(db, t, now)).find((m) => m.ref === subject) ?? null);
}

/**
 * Enrols the session person, or as guardian a minor on their booking (the booker only). Idempotent: the unique
 * person_id and INSERT … ON CONFLICT DO NOTHING make concurrent requests agree on one row, and every caller reads
 * that row back, so all of them get the same activation code. Only the request that created the row queues the
 * email, in the same transaction (no enrolment without its email, no email without its enrolment).
 */
export async function enrolInMonitoring(
  db: Database,
  t: Traveller,
  v: Pick<EnrolMonitoringValues, "subject">,
  now = new Date(),
  /** The request, and the agent enrolling the person during a call (channel phone, the agent recorded). */
  ctx: RequestContext & { by?: OnCall } = {},
): Promise<EnrolOutcome> {
  const s = t.session;
  const target = await targetOf(db, t, v.subject, now);
  if (!target) return { status: "forbidden" };
  const incident = await getIncident(db, s.incidentId);
  if (!incident) throw new Error("session incident not found");
  const today = toIsoDate(now);
  return db.transaction(async (tx): Promise<EnrolOutcome> => {
    const existing = await enrolmentOf(tx, target.personId);
    if (existing) return { status: "already", enrolment: existing, emailed: false };
    if (!isOnOrBefore(today, incident.enrolBy))
      return { status: "closed", enrolBy: incident.enrolBy, supportPhone: incident.supportPhone };
    const inserted = await insertEnrolmentIfAbsent(tx, {
      personId: target.personId,
      enrolledByPersonId: s.personId,
      codeEnc: encryptField(generateActivationCode(), codeAad(target.personId)),
      at: now,
      termEndsOn: addMonths(today, incident.monitoringTermMonths),
      ...(ctx.by ? { enrolledByAgentId: ctx.by.agentId } : {}),
    });
    const enrolment = await enrolmentOf(tx, target.personId);
    if (!enrolment) throw new Error("enrolment missing after insert");
    if (!inserted) return { status: "already", enrolment, emailed: false };
    await recordAudit(
      tx,
      actorOf(s, ctx.by),
      target.initials ? "monitoring.enrolled_by_guardian" : "monitoring.enrolled",
      { personId: target.personId, bookingId: s.bookingId },
      { requestId: ctx.requestId, ...(ctx.by ? { detail: "channel=phone" } : {}) },
    );
    const emailed = await queueConfirmation(tx, s, target, enrolment, incident);
    return { status: "enrolled", enrolment, emailed };
  });
}

/** The confirmation goes to the person who enrolled (the guardian for a minor), in their language. */
async function queueConfirmation(
  tx: Database,
  s: Traveller["session"],
  target: { personId: number; initials: string | null },
  enrolment: EnrolmentDto,
  incident: NonNullable<Awaited<ReturnType<typeof getIncident>>>,
): Promise<boolean> {
  const contact = await getMailContactRow(tx, s.personId);
  const email = contact ? openPersonal(contact.personalEnc, contact.incidentId, contact.externalId).email : null;
  if (!contact || !email) return false;
  const mail = monitoringConfirmationMail(contact.language, {
    organisation: incident.organisation,
    givenName: contact.givenName,
    childGivenName: target.initials ? ((await getMailContactRow(tx, target.personId))?.givenName ?? null) : null,
    incidentTitle: { en: incident.titleEn, fr: incident.titleFr },
    activationCode: enrolment.activationCode,
    enrolledOn: enrolment.enrolledOn,
    termEndsOn: enrolment.termEndsOn,
    supportPhone: incident.supportPhone,
    provider: providerOf(incident),
  });
  await enqueueMail(tx, { kind: "monitoring_enrolled", to: email, ...mail });
  return true;
}

export type ResendOutcome = "sent" | "no_email" | "not_enrolled" | "forbidden";

/**
 * Queues the confirmation (with the activation code) again, to the email on file of the person who may enrol the
 * subject: never to any other address. Audited.
 */
export async function resendEnrolmentEmail(
  db: Database,
  t: Traveller,
  v: Pick<EnrolMonitoringValues, "subject">,
  by?: OnCall,
  now = new Date(),
): Promise<ResendOutcome> {
  const s = t.session;
  const target = await targetOf(db, t, v.subject, now);
  if (!target) return "forbidden";
  const incident = await getIncident(db, s.incidentId);
  if (!incident) throw new Error("session incident not found");
  return db.transaction(async (tx): Promise<ResendOutcome> => {
    const enrolment = await enrolmentOf(tx, target.personId);
    if (!enrolment) return "not_enrolled";
    const sent = await queueConfirmation(tx, s, target, enrolment, incident);
    if (sent)
      await recordAudit(tx, actorOf(s, by), "monitoring.email_resent", {
        personId: target.personId,
        bookingId: s.bookingId,
      });
    return sent ? "sent" : "no_email";
  });
}
