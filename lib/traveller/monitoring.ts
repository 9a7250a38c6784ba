import "server-only";
import type { Database } from "@/db/client";
import { listCompanionRecords, resolveCompanion } from "@/db/queries/companions";
import { getIncident, type IncidentDto } from "@/db/queries/incident";
import { enqueueMail } from "@/db/queries/mail";
import { getEnrolment, getEnrolments, getMonitoringFacts, insertEnrolmentIfAbsent } from "@/db/queries/monitoring";
import type { SessionPassenger } from "@/db/queries/session";
import { getOwnMailContact, getOwnProfile, recordTravellerEvent, type SessionIds } from "@/db/queries/traveller";
import type { EnrolmentDto, GuardedMinorDto, MonitoringStatusDto } from "@/lib/dto/traveller";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/format";
import type { EnrolMonitoringValues } from "@/lib/forms/enrol-monitoring";
import { format } from "@/lib/i18n/locales";
import { monitoringMessages } from "@/lib/i18n/messages/traveller-monitoring";
import { generateActivationCode } from "./activation-code";
import { addMonths, isOnOrBefore, toIsoDate } from "./dates";

// Two-year identity monitoring. Dates are UTC calendar dates (lib/traveller/dates.ts): enrolment is open while
// today (UTC) is on or before the incident's enrol-by date, and the term ends the same day of the month
// `monitoringTermMonths` later (clamped to the month's last day).

async function incidentOf(db: Database, s: SessionIds): Promise<IncidentDto> {
  const incident = await getIncident(db, s.incidentId);
  // A session always names an imported incident; if it vanished this is a server fault, not "not affected".
  if (!incident) throw new Error("session incident not found");
  return incident;
}

export async function getMonitoringStatus(db: Database, s: SessionIds, now = new Date()): Promise<MonitoringStatusDto> {
  // One statement; whether an email is on file is a null check: the address itself is never decrypted here.
  const facts = await getMonitoringFacts(db, s);
  // A session always names an imported incident; if it vanished this is a server fault, not "not affected".
  if (!facts) throw new Error("session incident not found");
  const { incident, enrolment, hasEmailOnFile } = facts;
  return {
    enrolBy: incident.enrolBy,
    termMonths: incident.monitoringTermMonths,
    supportPhone: incident.supportPhone,
    open: isOnOrBefore(toIsoDate(now), incident.enrolBy),
    enrolment,
    hasEmailOnFile,
  };
}

/**
 * The minors on the session booking the session person may enrol as guardian: none unless they are the booker.
 * `passenger` is what the session check already read, so the role need not be read again.
 */
export async function listGuardedMinors(
  db: Database,
  s: SessionIds,
  now = new Date(),
  passenger?: SessionPassenger,
): Promise<GuardedMinorDto[]> {
  const profile = passenger ?? (await getOwnProfile(db, s));
  if (!profile?.isBooker) return [];
  const minors = (await listCompanionRecords(db, s, toIsoDate(now))).filter((c) => c.isMinor);
  const enrolments = await getEnrolments(
    db,
    minors.map((m) => m.personId),
  );
  return minors.map((m) => ({ ref: m.ref, initials: m.initials, enrolment: enrolments.get(m.personId) ?? null }));
}

type Target = { personId: number; initials: string | null };

/** Who an enrolment request is for, or null when the session person may not enrol them. */
export async function resolveEnrolTarget(
  db: Database,
  s: SessionIds,
  subject: EnrolMonitoringValues["subject"],
  now = new Date(),
): Promise<Target | null> {
  if (subject === "self") return { personId: s.personId, initials: null };
  // Guardian: only the booker, only for a minor (today, UTC) on the same booking.
  const profile = await getOwnProfile(db, s);
  if (!profile?.isBooker) return null;
  const companion = await resolveCompanion(db, s, subject, toIsoDate(now));
  return companion?.isMinor ? { personId: companion.personId, initials: companion.initials } : null;
}

export type EnrolOutcome =
  | { status: "enrolled" | "already"; enrolment: EnrolmentDto; emailed: boolean }
  | { status: "closed"; enrolBy: string; supportPhone: string }
  | { status: "forbidden" };

/**
 * Enrols the session person, or as guardian a minor on their booking. Idempotent: the unique person_id and
 * INSERT … ON CONFLICT DO NOTHING make concurrent requests agree on one row, and every caller reads that row
 * back, so all of them get the same activation code. Only the request that created the row queues the email,
 * in the same transaction (no enrolment without its email, no email without its enrolment).
 */
export async function enrolInMonitoring(
  db: Database,
  s: SessionIds,
  v: Pick<EnrolMonitoringValues, "subject">,
  now = new Date(),
): Promise<EnrolOutcome> {
  const target = await resolveEnrolTarget(db, s, v.subject, now);
  if (!target) return { status: "forbidden" };
  const incident = await incidentOf(db, s);
  const today = toIsoDate(now);
  return db.transaction(async (tx): Promise<EnrolOutcome> => {
    const existing = await getEnrolment(tx, target.personId);
    if (existing) return { status: "already", enrolment: existing, emailed: false };
    if (!isOnOrBefore(today, incident.enrolBy))
      return { status: "closed", enrolBy: incident.enrolBy, supportPhone: incident.supportPhone };
    const inserted = await insertEnrolmentIfAbsent(tx, {
      personId: target.personId,
      enrolledByPersonId: s.personId,
      activationCode: generateActivationCode(),
      at: now,
      termEndsOn: addMonths(today, incident.monitoringTermMonths),
    });
    const enrolment = await getEnrolment(tx, target.personId);
    if (!enrolment) throw new Error("enrolment missing after insert");
    if (!inserted) return { status: "already", enrolment, emailed: false };
    await recordTravellerEvent(tx, {
      actorPersonId: s.personId,
      action: target.initials ? "monitoring.enrolled_by_guardian" : "monitoring.enrolled",
      personId: target.personId,
      bookingId: s.bookingId,
    });
    const emailed = await queueConfirmation(tx, s.personId, incident, enrolment, target.initials);
    return { status: "enrolled", enrolment, emailed };
  });
}

/** The confirmation goes to the person who enrolled (the guardian for a minor), in their language. */
async function queueConfirmation(
  db: Database,
  recipientId: number,
  incident: IncidentDto,
  e: EnrolmentDto,
  minorInitials: string | null,
): Promise<boolean> {
  const contact = await getOwnMailContact(db, recipientId);
  if (!contact?.email) return false;
  const lang = contact.language;
  const m = monitoringMessages[lang].mail;
  const text = [
    format(m.greeting, { name: contact.givenName }),
    "",
    minorInitials
      ? format(m.bodyGuardian, { initials: minorInitials, incident: incident.title[lang] })
      : format(m.bodySelf, { incident: incident.title[lang] }),
    "",
    format(m.code, { code: e.activationCode }),
    format(m.term, { date: formatDate(e.termEndsOn, lang) }),
    "",
    format(m.keep, { url: new URL("/my/monitoring", env().PUBLIC_URL).toString() }),
    m.never,
    format(m.help, { phone: incident.supportPhone }),
  ].join("\n");
  const subject = minorInitials ? format(m.subjectGuardian, { initials: minorInitials }) : m.subject;
  await enqueueMail(db, { kind: "monitoring_enrolled", to: contact.email, subject, text });
  return true;
}
