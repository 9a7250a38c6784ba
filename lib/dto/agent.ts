// What agent pages may receive. Agents are airline staff serving travellers by phone, so a flag shows the
// companion's name, whether they are under 18, their language and the contact addresses travellers gave (with who
// gave each), but never a date of birth, an address or anything else from the bundle.

export type FlagStatus = "new" | "notified";

export type PassengerRole = "booker" | "companion";

/** One address a traveller gave for the companion, and who gave it. */
export type ContactAddressDto = {
  email: string;
  /** Null only for an address kept before the portal recorded who gave each one. */
  givenByName: string | null;
  /** Null when the giver is no longer on the booking, or is not recorded. */
  givenByRole: PassengerRole | null;
  /** ISO timestamp; null when not recorded. */
  givenAt: string | null;
};

export type AgentFlagDto = {
  id: string;
  status: FlagStatus;
  /** ISO timestamps. */
  flaggedAt: string;
  updatedAt: string;
  companionName: string;
  companionAffected: boolean;
  companionEmailOnFile: boolean;
  /** Under 18 today: never emailed directly (the guardian, or a letter). */
  companionMinor: boolean;
  /** The language the airline writes to them in. */
  companionLanguage: "en" | "fr";
  /** Every address travellers gave for the companion, oldest first; empty when none was given. */
  contactAddresses: ContactAddressDto[];
  flaggedByName: string;
  /** Null when the person who asked is no longer on the booking. */
  flaggedByRole: PassengerRole | null;
  flightDate: string;
  route: string;
};

export type FlagQueueDto = { counts: Record<FlagStatus, number>; flags: AgentFlagDto[] };
