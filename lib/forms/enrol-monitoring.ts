import { z } from "zod";

// Enrolling in the two-year monitoring: for yourself ("self") or, as the booker, for a minor on your booking
// (their position on the booking). Consent must be given explicitly each time; an unticked box never enrols.

const CONSENTED = new Set<unknown>([true, "on", "true"]);

export const enrolMonitoringSchema = z.object({
  subject: z
    .string()
    .regex(/^(self|[1-9]\d{0,2})$/, "invalid")
    .transform((v): "self" | number => (v === "self" ? "self" : Number(v))),
  // A checkbox: `true` from react-hook-form, "on" from a plain form post, absent when unticked.
  consent: z
    .unknown()
    .refine((v) => CONSENTED.has(v), "consentRequired")
    .transform(() => true as const),
});

export type EnrolMonitoringInput = z.input<typeof enrolMonitoringSchema>;
export type EnrolMonitoringValues = z.output<typeof enrolMonitoringSchema>;
