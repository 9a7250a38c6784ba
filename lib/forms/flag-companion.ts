import { z } from "zod";

// Asking the airline to notify a companion directly. `companion` is the companion's position on the session
// booking (see CompanionDto.ref), never a record id. Error messages are message keys (travellerFormErrors).

const emailShape = z.email();

export const flagCompanionSchema = z.object({
  companion: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, "invalid")
    .transform(Number),
  /** Optional: only asked for when we have no address on file for the companion. */
  contactEmail: z
    .string()
    .trim()
    .max(254, "emailTooLong")
    .refine((v) => v === "" || emailShape.safeParse(v).success, "emailInvalid")
    .optional()
    .transform((v) => (v ? v : undefined)),
});

export type FlagCompanionInput = z.input<typeof flagCompanionSchema>;
export type FlagCompanionValues = z.output<typeof flagCompanionSchema>;
