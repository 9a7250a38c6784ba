// Session lifetimes for verified travellers: short, because the session opens breached data.
/** Idle timeout: the session lapses after this long without a request. */
export const TRAVELLER_IDLE_SECONDS = 15 * 60;
/** Absolute timeout: however active, a traveller verifies again after this long. */
export const TRAVELLER_ABSOLUTE_SECONDS = 60 * 60;

// Agents: staff on a shift, on a console that opens many travellers' data. The idle timeout is short for an
// unattended screen; the absolute one makes them sign in again at least once a shift.
/** Agent idle timeout. */
export const AGENT_IDLE_SECONDS = 30 * 60;
/** Agent absolute timeout. */
export const AGENT_ABSOLUTE_SECONDS = 10 * 60 * 60;

/**
 * The proxy re-issues a session token only once it is this old (proxy.ts): re-issuing on every request cost a whole
 * next-auth round trip per page. So a token's real expiry is between IDLE - REFRESH and IDLE after the last request.
 */
export const REFRESH_AFTER_SECONDS = 60;
/** How long before a traveller session ends the page warns and offers to stay signed in (WCAG 2.2.1: at least 20 s). */
export const TRAVELLER_WARN_BEFORE_SECONDS = 2 * 60;
