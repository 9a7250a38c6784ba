import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { bookingPassengers, bookings, companionFlags, exposures, people } from "@/db/schema";

// The agents' side of companion flags, rows in and out; the queue's rules are in lib/agent/queue.ts.

const companion = alias(people, "companion");
const flagger = alias(people, "flagger");

export async function countFlagsByStatus(db: Database): Promise<Array<{ status: string; n: number }>> {
  const rows = await db
    .select({ status: companionFlags.status, n: sql<number>`count(*)::int` })
    .from(companionFlags)
    .groupBy(companionFlags.status);
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}

export type FlagRow = {
  id: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  bookingId: number;
  companionPersonId: number;
  /** An address from before addresses were kept per giver (migration 0006); never written any more. */
  legacyEmailEnc: string | null;
  companionGiven: string;
  companionFamily: string;
  companionEmailOnFile: boolean;
  companionAffected: boolean;
  /** The companion's encrypted personal details and their keys (the service reads the date of birth: minor?). */
  companionIncidentId: string;
  companionExternalId: string;
  companionPersonalEnc: string;
  companionLanguage: string;
  flaggerGiven: string;
  flaggerFamily: string;
  /** Null when the person who asked is no longer on the booking. */
  flaggerRole: string | null;
  flightDate: string;
  route: string;
};

/**
 * Flags in one status: new ones in the order they were first asked for (a queue: asking again does not send a
 * request to the back), notified ones most recently handled first.
 */
export async function listFlagRows(db: Database, status: string, limit: number): Promise<FlagRow[]> {
  const rows = await db
    .select({
      id: companionFlags.id,
      status: companionFlags.status,
      createdAt: companionFlags.createdAt,
      updatedAt: companionFlags.updatedAt,
      bookingId: companionFlags.bookingId,
      companionPersonId: companionFlags.companionPersonId,
      legacyEmailEnc: companionFlags.contactEmailEnc,
      companionGiven: companion.givenName,
      companionFamily: companion.familyName,
      companionEmailOnFile: sql<boolean>`(${companion.emailBidx} is not null)`,
      companionAffected: sql<boolean>`exists (select 1 from ${exposures} where ${exposures.personId} = ${companion.id})`,
      companionIncidentId: companion.incidentId,
      companionExternalId: companion.externalId,
      companionPersonalEnc: companion.personalEnc,
      companionLanguage: companion.language,
      flaggerGiven: flagger.givenName,
      flaggerFamily: flagger.familyName,
      flaggerRole: bookingPassengers.role,
      flightDate: bookings.flightDate,
      route: bookings.route,
    })
    .from(companionFlags)
    .innerJoin(companion, eq(companion.id, companionFlags.companionPersonId))
    .innerJoin(flagger, eq(flagger.id, companionFlags.flaggedByPersonId))
    .innerJoin(bookings, eq(bookings.id, companionFlags.bookingId))
    // Left join: a flag stays in the queue (and in the counts) even if its author is no longer on the booking.
    .leftJoin(
      bookingPassengers,
      and(
        eq(bookingPassengers.bookingId, companionFlags.bookingId),
        eq(bookingPassengers.personId, companionFlags.flaggedByPersonId),
      ),
    )
    .where(eq(companionFlags.status, status))
    .orderBy(status === "new" ? asc(companionFlags.createdAt) : desc(companionFlags.updatedAt), asc(companionFlags.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    companionEmailOnFile: Boolean(r.companionEmailOnFile),
    companionAffected: Boolean(r.companionAffected),
  }));
}

/** Sets a new flag to notified; the flag's booking and companion, or null when no new flag has that id. */
export async function setFlagNotified(
  db: Database,
  flagId: string,
): Promise<{ bookingId: number; personId: number } | null> {
  const [row] = await db
    .update(companionFlags)
    .set({ status: "notified", updatedAt: sql`now()` })
    .where(and(eq(companionFlags.id, flagId), eq(companionFlags.status, "new")))
    .returning({ bookingId: companionFlags.bookingId, personId: companionFlags.companionPersonId });
  return row ?? null;
}

export async function flagExists(db: Database, flagId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: companionFlags.id })
    .from(companionFlags)
    .where(eq(companionFlags.id, flagId))
    .limit(1);
  return Boolean(row);
}
