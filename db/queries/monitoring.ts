import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { incidents, monitoringEnrolments, people } from "@/db/schema";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import type { EnrolmentDto } from "@/lib/dto/traveller";
import { toIsoDate } from "@/lib/traveller/dates";

/** Activation codes are encrypted and bound to the enrolled person. */
const codeAad = (personId: number) => aadFor("monitoring_enrolments", "activation_code", String(personId));

/** Existing enrolments of the given people, keyed by person id. */
export async function getEnrolments(db: Database, personIds: number[]): Promise<Map<number, EnrolmentDto>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({
      personId: monitoringEnrolments.personId,
      codeEnc: monitoringEnrolments.activationCodeEnc,
      enrolledAt: monitoringEnrolments.enrolledAt,
      termEndsOn: monitoringEnrolments.termEndsOn,
    })
    .from(monitoringEnrolments)
    .where(inArray(monitoringEnrolments.personId, personIds));
  return new Map(
    rows.map((r) => [
      r.personId,
      {
        activationCode: decryptField(r.codeEnc, codeAad(r.personId)),
        enrolledOn: toIsoDate(r.enrolledAt),
        termEndsOn: r.termEndsOn,
      },
    ]),
  );
}

export async function getEnrolment(db: Database, personId: number): Promise<EnrolmentDto | null> {
  return (await getEnrolments(db, [personId])).get(personId) ?? null;
}

/** The monitoring page's own section: the offer (from the incident), this person's enrolment, and a contact flag. */
export type MonitoringFacts = {
  incident: { enrolBy: string; monitoringTermMonths: number; supportPhone: string };
  enrolment: EnrolmentDto | null;
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
): Promise<MonitoringFacts | null> {
  const [row] = await db
    .select({
      enrolBy: incidents.enrolBy,
      monitoringTermMonths: incidents.monitoringTermMonths,
      supportPhone: incidents.supportPhone,
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
  const enrolment =
    row.codeEnc && row.enrolledAt && row.termEndsOn
      ? {
          activationCode: decryptField(row.codeEnc, codeAad(s.personId)),
          enrolledOn: toIsoDate(row.enrolledAt),
          termEndsOn: row.termEndsOn,
        }
      : null;
  return {
    incident: { enrolBy: row.enrolBy, monitoringTermMonths: row.monitoringTermMonths, supportPhone: row.supportPhone },
    enrolment,
    hasEmailOnFile: Boolean(row.hasEmail),
  };
}

/**
 * Inserts an enrolment unless the person already has one (unique person_id). Returns true only for the
 * insert that won, so a double click, a retry or two tabs create one row and send one email.
 */
export async function insertEnrolmentIfAbsent(
  db: Database,
  v: { personId: number; enrolledByPersonId: number; activationCode: string; at: Date; termEndsOn: string },
): Promise<boolean> {
  const inserted = await db
    .insert(monitoringEnrolments)
    .values({
      personId: v.personId,
      enrolledByPersonId: v.enrolledByPersonId,
      activationCodeEnc: encryptField(v.activationCode, codeAad(v.personId)),
      consentAt: v.at,
      enrolledAt: v.at,
      termEndsOn: v.termEndsOn,
    })
    .onConflictDoNothing({ target: monitoringEnrolments.personId })
    .returning({ id: monitoringEnrolments.id });
  return inserted.length === 1;
}

export async function hasEnrolment(db: Database, personId: number): Promise<boolean> {
  const rows = await db
    .select({ id: monitoringEnrolments.id })
    .from(monitoringEnrolments)
    .where(eq(monitoringEnrolments.personId, personId))
    .limit(1);
  return rows.length === 1;
}
