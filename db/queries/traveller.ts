import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  bookingPassengers,
  categories,
  checklistProgress,
  exposures,
  incidents,
  monitoringEnrolments,
  people,
} from "@/db/schema";
import type { TravellerSession } from "@/lib/auth/traveller";

/** The incident's monitoring provider, as stored (all null when the bundle names none). */
export type ProviderColumns = {
  providerName: string | null;
  providerActivationUrl: string | null;
  providerPhone: string | null;
  providerActivateWithinDays: number | null;
};

export const providerColumns = {
  providerName: incidents.providerName,
  providerActivationUrl: incidents.providerActivationUrl,
  providerPhone: incidents.providerPhone,
  providerActivateWithinDays: incidents.providerActivateWithinDays,
};

// Reads about the session person themselves. Every function takes the ids from the verified session; none
// accepts an id from the client.

/** An exposure as stored: the hint still encrypted (the service opens it with `externalId`). */
export type ExposureRow = { category: string; detailEnc: string | null; externalId: string };

/** The exposed categories of this one person, in the catalogue's order. */
export async function listOwnExposures(db: Database, personId: number): Promise<ExposureRow[]> {
  return db
    .select({ category: exposures.category, detailEnc: exposures.detailEnc, externalId: people.externalId })
    .from(exposures)
    .innerJoin(categories, eq(categories.code, exposures.category))
    .innerJoin(people, eq(people.id, exposures.personId))
    .where(eq(exposures.personId, personId))
    .orderBy(asc(categories.sortOrder));
}

/** What the /my overview needs beyond the session check, for one person: see getOverviewFacts. */
export type OverviewFacts = {
  exposures: ExposureRow[];
  completedItems: string[];
  /** The person's own enrolment's end date and (UTC) day; null when not enrolled. */
  termEndsOn: string | null;
  enrolledOn: string | null;
  /** Whether anyone else on the session booking is in the session's incident (the companions card). */
  hasCompanions: boolean;
  incident: {
    notExposed: string[];
    supportPhone: string;
    enrolBy: string;
    monitoringTermMonths: number;
  } & ProviderColumns;
};

/**
 * Everything the /my overview shows, in one statement: one round trip instead of five (each costs a socket write
 * and a wake-up of both processes, which on a busy host costs more than the queries). Reads nothing encrypted:
 * the enrolment's end date, not its activation code; whether there are companions, not who. The JSON and array
 * columns are cast to text and parsed here, so PGlite and postgres.js return the same thing. Null when the
 * session's incident is gone.
 */
export async function getOverviewFacts(db: Database, s: TravellerSession): Promise<OverviewFacts | null> {
  const [row] = await db
    .select({
      exposures: sql<string>`(select coalesce(json_agg(json_build_object('category', ${exposures.category}, 'detailEnc', ${exposures.detailEnc}, 'externalId', ${people.externalId}) order by ${categories.sortOrder}), '[]')::text
        from ${exposures} join ${categories} on ${categories.code} = ${exposures.category}
        join ${people} on ${people.id} = ${exposures.personId} where ${exposures.personId} = ${s.personId})`,
      completedItems: sql<string>`(select coalesce(json_agg(${checklistProgress.itemKey}), '[]')::text from ${checklistProgress} where ${checklistProgress.personId} = ${s.personId})`,
      termEndsOn: sql<
        string | null
      >`(select ${monitoringEnrolments.termEndsOn}::text from ${monitoringEnrolments} where ${monitoringEnrolments.personId} = ${s.personId})`,
      hasCompanions: sql<boolean>`exists (select 1 from ${bookingPassengers} join ${people} on ${people.id} = ${bookingPassengers.personId}
        where ${bookingPassengers.bookingId} = ${s.bookingId} and ${bookingPassengers.personId} <> ${s.personId} and ${people.incidentId} = ${s.incidentId}
        and exists (select 1 from ${bookingPassengers} as viewer where viewer.booking_id = ${s.bookingId} and viewer.person_id = ${s.personId}))`,
      enrolledOn: sql<
        string | null
      >`(select (${monitoringEnrolments.enrolledAt} at time zone 'UTC')::date::text from ${monitoringEnrolments} where ${monitoringEnrolments.personId} = ${s.personId})`,
      notExposed: incidents.notExposed,
      supportPhone: incidents.supportPhone,
      enrolBy: incidents.enrolBy,
      monitoringTermMonths: incidents.monitoringTermMonths,
      ...providerColumns,
    })
    .from(incidents)
    .where(eq(incidents.id, s.incidentId))
    .limit(1);
  if (!row) return null;
  return {
    exposures: JSON.parse(row.exposures) as ExposureRow[],
    completedItems: JSON.parse(row.completedItems) as string[],
    termEndsOn: row.termEndsOn ?? null,
    enrolledOn: row.enrolledOn ?? null,
    hasCompanions: Boolean(row.hasCompanions),
    incident: {
      notExposed: row.notExposed,
      supportPhone: row.supportPhone,
      enrolBy: row.enrolBy,
      monitoringTermMonths: row.monitoringTermMonths,
      providerName: row.providerName,
      providerActivationUrl: row.providerActivationUrl,
      providerPhone: row.providerPhone,
      providerActivateWithinDays: row.providerActivateWithinDays,
    },
  };
}

/** The person's own name, language and encrypted personal details (for mail to them). Never returned to a page. */
export async function getMailContactRow(
  db: Database,
  personId: number,
): Promise<{
  givenName: string;
  language: string;
  incidentId: string;
  externalId: string;
  personalEnc: string;
} | null> {
  const [row] = await db
    .select({
      givenName: people.givenName,
      language: people.language,
      incidentId: people.incidentId,
      externalId: people.externalId,
      personalEnc: people.personalEnc,
    })
    .from(people)
    .where(eq(people.id, personId))
    .limit(1);
  return row ?? null;
}
