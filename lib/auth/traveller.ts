import "server-only";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { isPassengerOnBooking } from "@/db/queries/session";

/** Who the verified traveller is. Only ids: what they may see is looked up per request. */
export type TravellerSession = { personId: number; bookingId: number; incidentId: string };

/** The verified traveller, re-checked against the database, or null. */
export async function getTravellerSession(): Promise<TravellerSession | null> {
  const session = await auth();
  const t = session?.traveller;
  if (!t) return null;
  // The cookie is signed, but the binding is re-checked so a re-imported or withdrawn record ends access.
  return (await isPassengerOnBooking(await getDb(), t)) ? t : null;
}

/** For traveller pages and actions: the session, or a redirect to verification. */
export async function requireTraveller(): Promise<TravellerSession> {
  const t = await getTravellerSession();
  if (!t) redirect("/verify?expired=1");
  return t;
}
