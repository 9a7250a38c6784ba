// The fields of verification step one, apart from their schema (verify-details.ts): the browser needs these names
// when the page loads, but the schema (and zod with it) only once the form is first checked (lazy-resolver.ts).

export const DATE_BOXES = ["dobDay", "dobMonth", "dobYear"] as const;
export type DateBox = (typeof DATE_BOXES)[number];
/** What the step-one form holds, as typed (each a string). */
export type VerifyFormValues = { bookingRef: string; lastName: string } & Record<DateBox, string>;
