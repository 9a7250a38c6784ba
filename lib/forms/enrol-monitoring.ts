import * as z from "zod/mini";

// Enrolling in the two-year monitoring: for yourself ("self") or, as the booker, for a minor on your booking
// (their position on the booking). Consent must be given explicitly each time; an unticked box never enrols.

const CONSENTED = new Set<unknown>([true, "on", "true"]);

export const enrolMonitoringSchema = z.object({
  subject: z.pipe(
    z.string().check(z.regex(/^(self|[1-9]\d{0,2})$/, "invalid")),
    z.transform((v: string): "self" | number => (v === "self" ? "self" : Number(v))),
  ),
  // A checkbox: `true` from react-hook-form, "on" from a plain form post, absent when unticked.
  consent: z.pipe(
    z.unknown().check(z.refine((v) => CONSENTED.has(v), "consentRequired")),
    z.transform(() => true as const),
  ),
});

export type EnrolMonitoringInput = z.input<typeof enrolMonitoringSchema>;
export type EnrolMonitoringValues = z.output<typeof enrolMonitoringSchema>;
