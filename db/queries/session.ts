import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookingPassengers, people } from "@/db/schema";

/** True when the person is still on the booking in the incident the session was issued for. */
export async function isPassengerOnBooking(db: Database, s: { personId: number; bookingId: number; incidentId: string }): Promise<boolean> {
  const rows = await db
    .select({ personId: bookingPassengers.personId })
    .from(bookingPassengers)
    .innerJoin(people, eq(people.id, bookingPassengers.personId))
    .where(and(eq(bookingPassengers.personId, s.personId), eq(bookingPassengers.bookingId, s.bookingId), eq(people.incidentId, s.incidentId)))
    .limit(1);
  return rows.length === 1;
}
