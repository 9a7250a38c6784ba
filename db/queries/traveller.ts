import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  auditEvents,
  bookingPassengers,
  categories,
  checklistProgress,
  exposures,
  incidents,
  monitoringEnrolments,
  people,
} from "@/db/schema";
import { type CategoryCode, isCategoryCode } from "@/lib/catalogue/categories";
import { openPersonal } from "@/lib/crypto/personal-details";

// Reads about the session person themselves. Every function takes the ids from the verified session; none
// accepts an id from the client.

export type SessionIds = { personId: number; bookingId: number; incidentId: string };

/** An exposure as stored: the hint still encrypted (lib/crypto/exposure-detail.ts opens it with `externalId`). */
export type ExposureRow = { category: CategoryCode; detailEnc: string | null; externalId: string };

/** The exposed categories of this one person, in the catalogue's order. */
export async function listOwnExposures(db: Database, personId: number): Promise<ExposureRow[]> {
  const rows = await db
    .select({ category: exposures.category, detailEnc: exposures.detailEnc, externalId: people.externalId })
    .from(exposures)
    .innerJoin(categories, eq(categories.code, exposures.category))
    .innerJoin(people, eq(people.id, exposures.personId))
    .where(eq(exposures.personId, personId))
    .orderBy(asc(categories.sortOrder));
  // The foreign key guarantees a known code; the guard keeps the type honest if the catalogue ever grows first.
  return rows.flatMap((r) => (isCategoryCode(r.category) ? [{ ...r, category: r.category }] : []));
}

/** What the /my overview needs beyond the session check, for one person: see getOverviewFacts. */
export type OverviewFacts = {
  exposures: ExposureRow[];
  completedItems: string[];
  /** The person's own enrolment's end date; null when not enrolled. */
  termEndsOn: string | null;
  /** Whether anyone else on the session booking is in the session's incident (the companions card). */
  hasCompanions: boolean;
  incident: { notExposed: string[]; supportPhone: string; enrolBy: string; monitoringTermMonths: number };
};

/**
 * Everything the /my overview shows, in one statement: one round trip instead of five (each costs a socket write
 * and a wake-up of both processes, which on a busy host costs more than the queries). Reads nothing encrypted:
 * the enrolment's end date, not its activation code; whether there are companions, not who. The JSON and array
 * columns are cast to text and parsed here, so PGlite and postgres.js return the same thing. Null when the
 * session's incident is gone.
 */
export async function getOverviewFacts(db: Database, s: SessionIds): Promise<OverviewFacts | null> {
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
        where ${bookingPassengers.bookingId} = ${s.bookingId} and ${bookingPassengers.personId} <> ${s.personId} and ${people.incidentId} = ${s.incidentId})`,
      notExposed: incidents.notExposed,
      supportPhone: incidents.supportPhone,
      enrolBy: incidents.enrolBy,
      monitoringTermMonths: incidents.monitoringTermMonths,
    })
    .from(incidents)
    .where(eq(incidents.id, s.incidentId))
    .limit(1);
  if (!row) return null;
  const exposureRows = JSON.parse(row.exposures) as {
    category: string;
    detailEnc: string | null;
    externalId: string;
  }[];
  return {
    // The foreign key guarantees a known code; the guard keeps the type honest if the catalogue ever grows first.
    exposures: exposureRows.flatMap((r) => (isCategoryCode(r.category) ? [{ ...r, category: r.category }] : [])),
    completedItems: JSON.parse(row.completedItems) as string[],
    termEndsOn: row.termEndsOn ?? null,
    hasCompanions: Boolean(row.hasCompanions),
    incident: {
      notExposed: row.notExposed,
      supportPhone: row.supportPhone,
      enrolBy: row.enrolBy,
      monitoringTermMonths: row.monitoringTermMonths,
    },
  };
}

/** Given name (for the greeting) and role on the session booking. */
export async function getOwnProfile(
  db: Database,
  s: SessionIds,
): Promise<{ givenName: string; isBooker: boolean } | null> {
  const [row] = await db
    .select({ givenName: people.givenName, role: bookingPassengers.role })
    .from(bookingPassengers)
    .innerJoin(people, eq(people.id, bookingPassengers.personId))
    .where(
      and(
        eq(bookingPassengers.bookingId, s.bookingId),
        eq(bookingPassengers.personId, s.personId),
        eq(people.incidentId, s.incidentId),
      ),
    )
    .limit(1);
  return row ? { givenName: row.givenName, isBooker: row.role === "booker" } : null;
}

/** Where to send this person's own mail, in their language. Server-side only: never returned to a page. */
export async function getOwnMailContact(
  db: Database,
  personId: number,
): Promise<{ givenName: string; email: string | null; language: "en" | "fr" } | null> {
  const [row] = await db
    .select({
      givenName: people.givenName,
      incidentId: people.incidentId,
      externalId: people.externalId,
      personalEnc: people.personalEnc,
      language: people.language,
    })
    .from(people)
    .where(eq(people.id, personId))
    .limit(1);
  if (!row) return null;
  return {
    givenName: row.givenName,
    email: openPersonal(row.personalEnc, row.incidentId, row.externalId).email,
    language: row.language === "fr" ? "fr" : "en",
  };
}

/** Audit trail for traveller actions: ids only, never personal data. */
export async function recordTravellerEvent(
  db: Database,
  v: { actorPersonId: number; action: string; personId: number; bookingId: number },
): Promise<void> {
  await db.insert(auditEvents).values({
    actorType: "traveller",
    actorId: String(v.actorPersonId),
    action: v.action,
    personId: v.personId,
    bookingId: v.bookingId,
  });
}
