import { z } from "zod";
import { BOOKING_REF_PATTERN, normaliseBookingRef } from "@/lib/normalise";

// Step one of traveller verification. Shared by the browser (react-hook-form) and the server action (re-parse).
// Messages are keys of verifyMessages.errors. Validation depends only on the format of what was typed, never on
// whether anything matches, so it cannot tell anyone whether a booking exists.

/** "1984-03-17", "1984/03/17", "1984 03 17" and "19840317" all mean the same date. */
export function normaliseDateInput(raw: string): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, "");
  if (/^\d{8}$/.test(digits) && /^\d{4}\D?\d{2}\D?\d{2}$/.test(trimmed.replace(/\s+/g, " "))) {
    return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  }
  return trimmed;
}

/** True for a real calendar date written YYYY-MM-DD (no 2023-02-30). */
export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Today as YYYY-MM-DD, one day ahead of UTC so nobody born "today" in any time zone is refused. */
const latestBirthDate = () => new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10);

export const verifyDetailsSchema = z.object({
  bookingRef: z
    .string({ error: "bookingRefRequired" })
    .transform(normaliseBookingRef)
    .pipe(
      z.string().min(1, { error: "bookingRefRequired", abort: true }).regex(BOOKING_REF_PATTERN, "bookingRefInvalid"),
    ),
  lastName: z
    .string({ error: "lastNameRequired" })
    .transform((v) => v.trim().replace(/\s+/g, " "))
    .pipe(z.string().min(1, { error: "lastNameRequired", abort: true }).max(100, "lastNameTooLong")),
  dateOfBirth: z
    .string({ error: "dateOfBirthRequired" })
    .transform(normaliseDateInput)
    .pipe(
      z
        .string()
        .min(1, { error: "dateOfBirthRequired", abort: true })
        .refine(isRealDate, { error: "dateOfBirthInvalid", abort: true })
        .refine((d) => d <= latestBirthDate(), "dateOfBirthFuture"),
    ),
});

export type VerifyDetailsInput = z.input<typeof verifyDetailsSchema>;
export type VerifyDetails = z.output<typeof verifyDetailsSchema>;
