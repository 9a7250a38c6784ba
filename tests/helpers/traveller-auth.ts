import { NextRequest } from "next/server";
import { handlers } from "@/auth";
import type { Database, DatabaseHandle } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { travellerCookies } from "@/lib/auth/cookies";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { parseLimitPolicy } from "@/lib/rate-limit";
import { resolveChallenge } from "@/lib/verification/resolve-challenge";
import { CHALLENGE_COOKIE, startChallenge } from "@/lib/verification/start-challenge";
import { seedBooking } from "./fixtures";
import type { SeededBooking } from "./traveller-fixtures";

// Verification step two through the real next-auth handlers (the /api/auth route and auth()), on the test's
// database: the app's database handle (db/client.ts getDb) is pointed at it, nothing is mocked.

export const ORIGIN = "http://localhost:3000";
export const sessionCookieName = () => travellerCookies(false).sessionToken.name;

/** The app's own database handle is the test's database (what getDb() returns in auth.ts). */
export function useAppDatabase(t: DatabaseHandle): void {
  (globalThis as unknown as { __portalDb?: Promise<DatabaseHandle> }).__portalDb = Promise.resolve(t);
}

const roomy = parseLimitPolicy({
  VERIFY_LIMIT_REF: "1000/1m",
  VERIFY_LIMIT_IP: "1000/1m",
  VERIFY_LIMIT_GLOBAL: "100000/1m",
});

/** A traveller who went through step one: their challenge id (their cookie) and the code from their email. */
export async function throughStepOne(
  db: Database,
): Promise<{ challengeId: string; code: string; booking: SeededBooking }> {
  const email = `p${Math.random().toString(36).slice(2)}@example.org`;
  const booking = await seedBooking(db, [{ givenName: "Pat", familyName: "Lee", dob: "1988-08-08", email }]);
  const outcome = await startChallenge(
    db,
    { bookingRef: booking.ref, lastName: "Lee", dateOfBirth: "1988-08-08" },
    { ip: "203.0.113.30", locale: "en", policy: roomy },
  );
  if (outcome.kind !== "started") throw new Error("limited");
  await resolveChallenge(db, outcome.challengeId);
  for (const m of await db.select().from(mailOutbox)) {
    if (decryptField(m.toEnc, aadFor("mail_outbox", "to", m.id)) !== email) continue;
    const code = /\b(\d{6,12})\b/.exec(decryptField(m.bodyEnc, aadFor("mail_outbox", "body", m.id)))?.[1];
    if (code) return { challengeId: outcome.challengeId, code, booking };
  }
  throw new Error("no code was mailed");
}

/** `name=value` pairs of a response's Set-Cookie headers (an empty value: the cookie is cleared). */
export function setCookies(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    out.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
  return out;
}

const cookieHeader = (cookies: Record<string, string | undefined>) =>
  Object.entries(cookies)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

/** GET one of next-auth's endpoints (e.g. "session", "csrf") with these cookies. */
export function getAuth(action: string, cookies: Record<string, string | undefined> = {}): Promise<Response> {
  return handlers.GET(new NextRequest(`${ORIGIN}/api/auth/${action}`, { headers: { cookie: cookieHeader(cookies) } }));
}

/**
 * A direct POST to /api/auth/callback/traveller-code, as a script could send it: with next-auth's CSRF token
 * (fetched first, unless `csrf: false`), the challenge cookie if given, and whatever body fields are given.
 * Returns the session cookie's value when a session was issued.
 */
export async function postCodeToRoute(p: {
  code: string;
  challengeCookie?: string;
  body?: Record<string, string>;
  csrf?: boolean;
}): Promise<{ response: Response; session: string | undefined }> {
  const csrfResponse = await getAuth("csrf");
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = setCookies(csrfResponse);
  const body = new URLSearchParams({
    code: p.code,
    ...(p.csrf === false ? {} : { csrfToken }),
    ...p.body,
  });
  const response = await handlers.POST(
    new NextRequest(`${ORIGIN}/api/auth/callback/traveller-code`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookieHeader({ ...Object.fromEntries(csrfCookie), [CHALLENGE_COOKIE]: p.challengeCookie }),
      },
      body,
    }),
  );
  const session = setCookies(response).get(sessionCookieName());
  return { response, session: session || undefined };
}
