import type { SessionPassenger } from "@/db/queries/session";
import type { TravellerSession } from "@/lib/auth/traveller";

/**
 * Who calls a traveller service: the verified session's ids and what its database check read (given name, booker
 * or not), as requireTravellerPassenger() (pages) and the action wrapper (actions) return them. Passing the check's
 * result on means no service reads the person's role a second time.
 */
export type Traveller = { session: TravellerSession; passenger: SessionPassenger };
