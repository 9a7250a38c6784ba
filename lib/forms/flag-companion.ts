import * as z from "zod/mini";

// Asking the airline to notify a companion directly. `companion` is the companion's position on the session
// booking (see CompanionDto.ref), never a record id. Error messages are message keys (travellerFormErrors).

const emailShape = z.email();

export const flagCompanionSchema = z.object({
  companion: z.pipe(
    z.string().check(z.regex(/^[1-9]\d{0,2}$/, "invalid")),
    z.transform((v: string) => Number(v)),
  ),
  /** Optional: only asked for when we have no address on file for the companion. */
  contactEmail: z.pipe(
    z.optional(
      z.string().check(
        z.trim(),
        z.maxLength(254, "emailTooLong"),
        z.refine((v) => v === "" || emailShape.safeParse(v).success, "emailInvalid"),
      ),
    ),
    z.transform((v) => (v ? v : undefined)),
  ),
});

export type FlagCompanionInput = z.input<typeof flagCompanionSchema>;
export type FlagCompanionValues = z.output<typeof flagCompanionSchema>;
