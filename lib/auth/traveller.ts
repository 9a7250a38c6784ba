import "server-only";
import { redirect } from "next/navigation";
import type { Session } from "next-auth";
import { cache } from "react";
import { auth } from "@/auth";
import { type Database, getDb } from "@/db/client";
import { endTravellerSessions, findSessionPassenger, type SessionPassenger } from "@/db/queries/session";
import { travellerClaimsOf } from "./claims";
import { type SessionTiming, sessionTimingOf } from "./session-timing";

/** Who the verified traveller is. Only ids: what they may see is looked up per request. */
export type TravellerSession = { personId: number; bookingId: number; incidentId: string };

type Checked = { session: TravellerSession; passenger: SessionPassenger };

/**
 * The session next-auth read (auth(): signature, idle expiry, absolute timeout), checked against the database in
 * one query: the person is still on the booking in that incident, and the token's session epoch is the person's
 * current one (sign-out raises it, so a copied cookie stops working at once).
 */
export async function checkTravellerSession(db: Database, session: Session | null): Promise<Checked | null> {
  const claims = travellerClaimsOf(session?.user);
  if (!claims) return null;
  const passenger = await findSessionPassenger(db, claims);
  if (!passenger) return null;
  const { personId, bookingId, incidentId } = claims;
  return { session: { personId, bookingId, incidentId }, passenger };
}

/**
 * Where a visitor without a valid session goes: a page that says the session ended and what to do next. Whether
 * it lapsed or never existed cannot be told (the browser drops the cookie when it expires), so it says both
 * timeouts.
 */
export const SESSION_ENDED_PATH = "/signed-out?reason=expired";

/** next-auth's read of the session cookie, once per request (the session check and the time-out timing share it). */
const readSession = cache(() => auth());

/** Once per request: React's cache() is scoped to one server request, so layout, page and actions share it. */
const checkedSession = cache(
  async (): Promise<Checked | null> => checkTravellerSession(await getDb(), await readSession()),
);

/** The verified traveller, re-checked against the database, or null. */
export async function getTravellerSession(): Promise<TravellerSession | null> {
  return (await checkedSession())?.session ?? null;
}

/** For server actions: the session and what its check read, or null (the action wrapper answers, no redirect). */
export async function getTravellerPassenger(): Promise<Checked | null> {
  return checkedSession();
}

/** For traveller pages and actions: the session, or a redirect to verification. */
export async function requireTraveller(): Promise<TravellerSession> {
  const t = await getTravellerSession();
  if (!t) redirect(SESSION_ENDED_PATH);
  return t;
}

/** Sign-out, server side: the person's session epoch moves on, so every copy of the cookie stops working. */
export async function endTravellerSession(db: Database, session: TravellerSession): Promise<void> {
  await endTravellerSessions(db, session.personId);
}

/** For traveller pages: the session and what its database check read (given name, booker or not), or a redirect. */
export async function requireTravellerPassenger(): Promise<Checked> {
  const checked = await checkedSession();
  if (!checked) redirect(SESSION_ENDED_PATH);
  return checked;
}

/**
 * When this request's session ends (for the time-out warning), from the token alone: no database, so a page can
 * show it, and the outage page keep it, while the database is down. Null without a traveller session.
 */
export async function readTravellerTiming(reissued: "by-proxy" | "now" | "no"): Promise<SessionTiming | null> {
  return sessionTimingOf((await readSession())?.user, reissued);
}
