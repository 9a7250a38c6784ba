// What agent pages may receive. Agents are airline staff serving travellers by phone, so a flag shows the
// companion's name and the contact email the traveller gave (what they need to reach the person), but never a
// date of birth, an address or anything else from the bundle.

export type FlagStatus = "new" | "notified";

export type AgentFlagDto = {
  id: string;
  status: FlagStatus;
  /** ISO timestamps. */
  flaggedAt: string;
  updatedAt: string;
  companionName: string;
  companionAffected: boolean;
  companionEmailOnFile: boolean;
  /** The address the traveller gave for the companion, if any. */
  contactEmail: string | null;
  flaggedByName: string;
  /** Null when the person who asked is no longer on the booking. */
  flaggedByRole: "booker" | "companion" | null;
  flightDate: string;
  route: string;
};
