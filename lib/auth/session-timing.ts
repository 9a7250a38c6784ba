import { nowSeconds, travellerClaimsOf } from "./claims";
import { REFRESH_AFTER_SECONDS, TRAVELLER_ABSOLUTE_SECONDS, TRAVELLER_IDLE_SECONDS } from "./policy";

// When a traveller session ends, for the page's warning (components/session/session-timeout.tsx). Times are epoch
// seconds on the server's clock; `now` is sent along so the browser can measure against its own clock (a visitor's
// clock may be minutes off) and never compares server times with Date.now() directly.

export type SessionTiming = {
  /** The server's clock when this was computed. */
  now: number;
  /** When the session lapses unless there is a request before (idle timeout), never after absoluteAt. */
  expiresAt: number;
  /** When the session ends whatever happens (absolute timeout). */
  absoluteAt: number;
};

/**
 * The timing of the session whose decoded token (next-auth's auth() gives it as `user`) is `token`, or null when it
 * is not a traveller session. `reissued`: what the proxy did with this request's token.
 *  - "by-proxy" (pages and server actions): the proxy re-issued any token older than REFRESH_AFTER_SECONDS with a
 *    fresh idle expiry (next-auth caps it at the absolute timeout), and left a younger one as it was.
 *  - "now": this request re-issued it (stay signed in).
 *  - "no" (/api routes, which the proxy does not run on): the token's own expiry.
 */
export function sessionTimingOf(
  token: unknown,
  reissued: "by-proxy" | "now" | "no",
  now = nowSeconds(),
): SessionTiming | null {
  if (!travellerClaimsOf(token)) return null;
  const { iat, exp, authAt } = token as { iat?: unknown; exp?: unknown; authAt?: unknown };
  if (typeof iat !== "number" || typeof exp !== "number" || typeof authAt !== "number") return null;
  const absoluteAt = authAt + TRAVELLER_ABSOLUTE_SECONDS;
  const fresh = Math.min(now + TRAVELLER_IDLE_SECONDS, absoluteAt);
  const expiresAt = reissued === "now" || (reissued === "by-proxy" && now - iat >= REFRESH_AFTER_SECONDS) ? fresh : exp;
  return expiresAt > now ? { now, expiresAt, absoluteAt } : null;
}

/** Whether staying signed in would give the session more time: false when it already ends at the absolute timeout. */
export const canExtend = (t: Pick<SessionTiming, "expiresAt" | "absoluteAt">) => t.absoluteAt - t.expiresAt > 30;
