// Normalisation used for matching what travellers type against what the bundle holds.
// Kept free of server-only imports: the client uses the same rules to pre-validate forms.

/** Last names match ignoring case, accents, spaces, hyphens and apostrophes: "Côté" → "cote". */
export function normaliseLastName(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[\s\-'’‘`´.]/gu, "")
      .toLocaleLowerCase("en")
      // Letters with no decomposition that people type without the mark.
      .replace(/ø/g, "o")
      .replace(/đ/g, "d")
      .replace(/ł/g, "l")
      .replace(/ß/g, "ss")
      .replace(/æ/g, "ae")
      .replace(/œ/g, "oe")
  );
}

/** Booking references ignore case and spaces: " 5bap b6 " → "5BAPB6". */
export function normaliseBookingRef(ref: string): string {
  return ref.replace(/\s+/g, "").toUpperCase();
}

export const BOOKING_REF_PATTERN = /^[A-Z2-9]{6}$/;

/** Emails match case-insensitively on the whole address. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Rewards IDs ignore case and spaces. */
export function normaliseRewardsId(id: string): string {
  return id.replace(/\s+/g, "").toUpperCase();
}
