import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookingPassengers, people, travellerSessionEpochs } from "@/db/schema";

/** What the session check reads about the session person: enough for the greeting and the booker's options. */
export type SessionPassenger = { givenName: string; isBooker: boolean };

/** Who a traveller session token names, and the session epoch it was issued in. */
export type SessionClaims = { personId: number; bookingId: number; incidentId: string; epoch: number };

/**
 * The person as a passenger on the booking, in the incident the session was issued for, or null when they no
 * longer are or the token's epoch is not the person's current one (they signed out since). One query serves as
 * the session re-check, the epoch check and the person's profile (name, role).
 */
export async function findSessionPassenger(db: Database, s: SessionClaims): Promise<SessionPassenger | null> {
  const [row] = await db
    .select({ givenName: people.givenName, role: bookingPassengers.role })
    .from(bookingPassengers)
    .innerJoin(people, eq(people.id, bookingPassengers.personId))
    .leftJoin(travellerSessionEpochs, eq(travellerSessionEpochs.personId, bookingPassengers.personId))
    .where(
      and(
        eq(bookingPassengers.personId, s.personId),
        eq(bookingPassengers.bookingId, s.bookingId),
        eq(people.incidentId, s.incidentId),
        sql`coalesce(${travellerSessionEpochs.epoch}, 0) = ${s.epoch}`,
      ),
    )
    .limit(1);
  return row ? { givenName: row.givenName, isBooker: row.role === "booker" } : null;
}

/** The person's current session epoch (at sign-in: the new token carries it). */
export async function currentTravellerEpoch(db: Database, personId: number): Promise<number> {
  const [row] = await db
    .select({ epoch: travellerSessionEpochs.epoch })
    .from(travellerSessionEpochs)
    .where(eq(travellerSessionEpochs.personId, personId))
    .limit(1);
  return row?.epoch ?? 0;
}

/** Ends every session of the person (sign-out): tokens issued before no longer match the epoch. */
export async function endTravellerSessions(db: Database, personId: number): Promise<void> {
  await db
    .insert(travellerSessionEpochs)
    .values({ personId, epoch: 1 })
    .onConflictDoUpdate({
      target: travellerSessionEpochs.personId,
      set: { epoch: sql`${travellerSessionEpochs.epoch} + 1` },
    });
}
