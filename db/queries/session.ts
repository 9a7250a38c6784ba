import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookingPassengers, people } from "@/db/schema";

/** What the session check reads about the session person: enough for the greeting and the booker's options. */
export type SessionPassenger = { givenName: string; isBooker: boolean };

/**
 * The person as a passenger on the booking, in the incident the session was issued for, or null when they no
 * longer are. One query serves as both the session re-check and the person's profile (name, role).
 */
export async function findSessionPassenger(
  db: Database,
  s: { personId: number; bookingId: number; incidentId: string },
): Promise<SessionPassenger | null> {
  const [row] = await db
    .select({ givenName: people.givenName, role: bookingPassengers.role })
    .from(bookingPassengers)
    .innerJoin(people, eq(people.id, bookingPassengers.personId))
    .where(
      and(
        eq(bookingPassengers.personId, s.personId),
        eq(bookingPassengers.bookingId, s.bookingId),
        eq(people.incidentId, s.incidentId),
      ),
    )
    .limit(1);
  return row ? { givenName: row.givenName, isBooker: row.role === "booker" } : null;
}

/** True when the person is still on the booking in the incident the session was issued for. */
export async function isPassengerOnBooking(
  db: Database,
  s: { personId: number; bookingId: number; incidentId: string },
): Promise<boolean> {
  return (await findSessionPassenger(db, s)) !== null;
}
