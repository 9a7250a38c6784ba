import { env } from "@/lib/env";
import { TRAVELLER_ABSOLUTE_SECONDS, TRAVELLER_IDLE_SECONDS } from "./policy";
import { decodeSessionToken, encodeSessionToken, type TokenClaims } from "./session-token";

// The traveller session cookie: its name and attributes, what a valid one holds, and the sliding idle refresh.
// auth.ts (next-auth, which issues the cookie at sign-in), proxy.ts (refresh) and lib/auth/traveller.ts (pages and
// actions) all go through here, so the three agree on every rule.

/** Who the session names. Only ids: what they may see is looked up per request. */
export type TravellerIds = { personId: number; bookingId: number; incidentId: string };

/**
 * The cookie is re-issued (fresh 15-minute expiry) only once it is this old. Re-issuing on every request cost an
 * encryption and a Set-Cookie per response; with this, the idle timeout ends between 14 and 15 minutes after the
 * last request: never later than the policy says.
 */
export const REFRESH_AFTER_SECONDS = 60;

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function sessionCookie() {
  const production = env().APP_ENV === "production";
  return {
    name: production ? "__Secure-portal.session" : "portal.session",
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure: production },
  };
}

/** Absolute timeout: counted from verification, however recently the session was used. */
export const isPastAbsoluteTimeout = (authAt: unknown, now: number) =>
  typeof authAt !== "number" || now - authAt > TRAVELLER_ABSOLUTE_SECONDS;

const isId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;

/** The traveller a decoded token names, or null when it names none or has outlived the absolute timeout. */
export function travellerOf(claims: TokenClaims | null, now = nowSeconds()): TravellerIds | null {
  if (!claims || isPastAbsoluteTimeout(claims.authAt, now)) return null;
  const { personId, bookingId, incidentId } = claims;
  if (!isId(personId) || !isId(bookingId) || typeof incidentId !== "string" || incidentId === "") return null;
  return { personId, bookingId, incidentId };
}

const decode = (token: string, now: number) =>
  decodeSessionToken({ token, secret: env().AUTH_SECRET, salt: sessionCookie().name, now });

/** The traveller in a session cookie's value: signature, idle expiry and absolute timeout checked; no database. */
export function readTravellerToken(token: string, now = nowSeconds()): TravellerIds | null {
  return travellerOf(decode(token, now), now);
}

export type Slide = { kind: "keep" } | { kind: "reissue"; token: string; expires: Date } | { kind: "clear" };

/**
 * What the proxy does with a session cookie on a request: clear it when it is no longer valid, re-issue it with a
 * fresh idle expiry when it is over a minute old, otherwise leave it (the browser keeps the current one). The
 * cookie never outlives the absolute timeout, counted from `authAt`. Travellers' and agents' cookies
 * (lib/auth/agent-session.ts) follow this one rule with their own timeouts and validity checks.
 */
export function slideToken(
  token: string,
  p: {
    salt: string;
    idleSeconds: number;
    absoluteSeconds: number;
    valid: (claims: TokenClaims | null, now: number) => boolean;
  },
  now = nowSeconds(),
): Slide {
  const claims = decodeSessionToken({ token, secret: env().AUTH_SECRET, salt: p.salt, now });
  if (!claims || !p.valid(claims, now) || typeof claims.authAt !== "number") return { kind: "clear" };
  if (typeof claims.iat === "number" && now - claims.iat < REFRESH_AFTER_SECONDS) return { kind: "keep" };
  const maxAge = Math.min(p.idleSeconds, claims.authAt + p.absoluteSeconds - now);
  const next = encodeSessionToken({ claims, secret: env().AUTH_SECRET, salt: p.salt, maxAge, now });
  return { kind: "reissue", token: next, expires: new Date((now + maxAge) * 1000) };
}

/** The traveller cookie's sliding refresh. */
export const slideSession = (token: string, now = nowSeconds()): Slide =>
  slideToken(
    token,
    {
      salt: sessionCookie().name,
      idleSeconds: TRAVELLER_IDLE_SECONDS,
      absoluteSeconds: TRAVELLER_ABSOLUTE_SECONDS,
      valid: (c, n) => travellerOf(c, n) !== null,
    },
    now,
  );
