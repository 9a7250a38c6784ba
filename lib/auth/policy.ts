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
