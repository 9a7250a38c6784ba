// Session lifetimes for verified travellers: short, because the session opens breached data.
/** Idle timeout: the session lapses after this long without a request. */
export const TRAVELLER_IDLE_SECONDS = 15 * 60;
/** Absolute timeout: however active, a traveller verifies again after this long. */
export const TRAVELLER_ABSOLUTE_SECONDS = 60 * 60;
