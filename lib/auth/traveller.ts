import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findSessionPassenger, type SessionPassenger } from "@/db/queries/session";
import { readTravellerToken, sessionCookie, type TravellerIds } from "./session";

/** Who the verified traveller is. Only ids: what they may see is looked up per request. */
export type TravellerSession = TravellerIds;

type Checked = { session: TravellerSession; passenger: SessionPassenger };

/**
 * The session cookie read and re-checked against the database, once per request: React's cache() is scoped to
 * one server request, so the layout, the page and its components share one check and nothing outlives the
 * request. The cookie is read directly (lib/auth/session.ts: signature, idle expiry, absolute timeout), not via
 * next-auth's auth(), which ran its whole session endpoint per call.
 */
const checkedSession = cache(async (): Promise<Checked | null> => {
  const token = (await cookies()).get(sessionCookie().name)?.value;
  const session = token ? readTravellerToken(token) : null;
  if (!session) return null;
  // The cookie is signed, but the binding is re-checked so a re-imported or withdrawn record ends access.
  const passenger = await findSessionPassenger(await getDb(), session);
  return passenger ? { session, passenger } : null;
});

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
  if (!t) redirect("/verify?expired=1");
  return t;
}

/** For traveller pages: the session and what its database check read (given name, booker or not), or a redirect. */
export async function requireTravellerPassenger(): Promise<Checked> {
  const checked = await checkedSession();
  if (!checked) redirect("/verify?expired=1");
  return checked;
}
