import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { incidents, monitoringEnrolments, people } from "@/db/schema";
import { type ProviderColumns, providerColumns } from "./traveller";

// Monitoring enrolments, rows in and out (the activation code stays encrypted here: lib/traveller/monitoring.ts).

export type EnrolmentRow = { personId: number; codeEnc: string; enrolledAt: Date; termEndsOn: string };

const enrolmentColumns = {
  personId: monitoringEnrolments.personId,
  codeEnc: monitoringEnrolments.activationCodeEnc,
  enrolledAt: monitoringEnrolments.enrolledAt,
  termEndsOn: monitoringEnrolments.termEndsOn,
};

/** Existing enrolments of the given people. */
export async function listEnrolmentRows(db: Database, personIds: number[]): Promise<EnrolmentRow[]> {
  if (personIds.length === 0) return [];
  return db
    .select(enrolmentColumns)
    .from(monitoringEnrolments)
    .where(inArray(monitoringEnrolments.personId, personIds));
}

/** The monitoring page's own section: the offer (from the incident), this person's enrolment, and a contact flag. */
export type MonitoringFactsRow = ProviderColumns & {
  enrolBy: string;
  monitoringTermMonths: number;
  supportPhone: string;
  enrolment: EnrolmentRow | null;
  /** Whether an email address is on file: a null check, the address is not read. */
  hasEmailOnFile: boolean;
};

/**
 * The incident's offer, the person's enrolment and whether they have an email on file, in one statement (one
 * round trip instead of three). Null when the session's incident is gone.
 */
export async function getMonitoringFacts(
  db: Database,
  s: { personId: number; incidentId: string },
): Promise<MonitoringFactsRow | null> {
  const [row] = await db
    .select({
      enrolBy: incidents.enrolBy,
      monitoringTermMonths: incidents.monitoringTermMonths,
      supportPhone: incidents.supportPhone,
      ...providerColumns,
      codeEnc: monitoringEnrolments.activationCodeEnc,
      enrolledAt: monitoringEnrolments.enrolledAt,
      termEndsOn: monitoringEnrolments.termEndsOn,
      hasEmail: sql<boolean>`exists (select 1 from ${people} where ${people.id} = ${s.personId} and ${people.emailBidx} is not null)`,
    })
    .from(incidents)
    .leftJoin(monitoringEnrolments, eq(monitoringEnrolments.personId, s.personId))
    .where(eq(incidents.id, s.incidentId))
    .limit(1);
  if (!row) return null;
  return {
    enrolBy: row.enrolBy,
    monitoringTermMonths: row.monitoringTermMonths,
    supportPhone: row.supportPhone,
    providerName: row.providerName,
    providerActivationUrl: row.providerActivationUrl,
    providerPhone: row.providerPhone,
    providerActivateWithinDays: row.providerActivateWithinDays,
    enrolment:
      row.codeEnc && row.enrolledAt && row.termEndsOn
        ? { personId: s.personId, codeEnc: row.codeEnc, enrolledAt: row.enrolledAt, termEndsOn: row.termEndsOn }
        : null,
    hasEmailOnFile: Boolean(row.hasEmail),
  };
}

/**
 * Inserts an enrolment unless the person already has one (unique person_id). Returns true only for the
 * insert that won, so a double click, a retry or two tabs create one row and send one email.
 */
export async function insertEnrolmentIfAbsent(
  db: Database,
  v: {
    personId: number;
    enrolledByPersonId: number;
    codeEnc: string;
    at: Date;
    termEndsOn: string;
    /** Set when an agent enrolled them by phone (channel `phone`). */
    enrolledByAgentId?: string;
  },
): Promise<boolean> {
  const inserted = await db
    .insert(monitoringEnrolments)
    .values({
      personId: v.personId,
      enrolledByPersonId: v.enrolledByPersonId,
      activationCodeEnc: v.codeEnc,
      consentAt: v.at,
      enrolledAt: v.at,
      termEndsOn: v.termEndsOn,
      channel: v.enrolledByAgentId ? "phone" : "web",
      enrolledByAgentId: v.enrolledByAgentId ?? null,
    })
    .onConflictDoNothing({ target: monitoringEnrolments.personId })
    .returning({ id: monitoringEnrolments.id });
  return inserted.length === 1;
}
