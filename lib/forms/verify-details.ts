import * as z from "zod/mini";
import { BOOKING_REF_PATTERN, normaliseBookingRef } from "@/lib/normalise";
import { DATE_BOXES, type DateBox } from "./verify-fields";

// Step one of traveller verification. Shared by the browser (react-hook-form) and the server (re-parse). Messages
// are keys of verifyMessages.errors. Validation depends only on the format of what was typed, never on whether
// anything matches, so it cannot tell anyone whether a booking exists.
//
// The date of birth is the GOV.UK date pattern: three boxes (day, month, year), each checked and blamed on its
// own, so the error lands on the box to fix. The output is the ISO date the services take. No check aborts the
// parse ("abort: true" would skip the date check), so every mistake shows at once; a field's first message is
// the one shown.

export type DateIssue = { box: DateBox; key: string };

const EARLIEST_YEAR = 1900;

/** Today as YYYY-MM-DD, one day ahead of UTC so nobody born "today" in any time zone is refused. */
const latestBirthDate = () => new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10);

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const clean = (v: unknown) => (typeof v === "string" ? v.replace(/\s+/g, "") : "");

/**
 * Reads the three boxes ("3" and "03" alike) into an ISO date, or says what is wrong with which box. Several boxes
 * may share one issue (a date in the future is the whole date's fault).
 */
export function readDateOfBirth(
  day: unknown,
  month: unknown,
  year: unknown,
  latest = latestBirthDate(),
): { iso: string } | { issues: DateIssue[] } {
  const raw = { dobDay: clean(day), dobMonth: clean(month), dobYear: clean(year) };
  const missing = DATE_BOXES.filter((b) => raw[b] === "");
  if (missing.length === 3) return { issues: DATE_BOXES.map((box) => ({ box, key: "dateOfBirthRequired" })) };
  if (missing.length > 0) {
    const key = `dateOfBirthMissing${missing.map((b) => b.slice(3)).join("")}`;
    return { issues: missing.map((box) => ({ box, key })) };
  }
  const d = /^\d{1,2}$/.test(raw.dobDay) ? Number(raw.dobDay) : Number.NaN;
  const m = /^\d{1,2}$/.test(raw.dobMonth) ? Number(raw.dobMonth) : Number.NaN;
  const y = /^\d+$/.test(raw.dobYear) ? Number(raw.dobYear) : Number.NaN;
  const issues: DateIssue[] = [];
  if (!(d >= 1 && d <= 31)) issues.push({ box: "dobDay", key: "dateOfBirthReal" });
  if (!(m >= 1 && m <= 12)) issues.push({ box: "dobMonth", key: "dateOfBirthReal" });
  if (Number.isNaN(y)) issues.push({ box: "dobYear", key: "dateOfBirthReal" });
  else if (raw.dobYear.length !== 4) issues.push({ box: "dobYear", key: "dateOfBirthYearDigits" });
  else if (y < EARLIEST_YEAR) issues.push({ box: "dobYear", key: "dateOfBirthReal" });
  if (issues.length > 0) return { issues };
  // 30 February: the day is what cannot be.
  if (d > daysIn(y, m)) return { issues: [{ box: "dobDay", key: "dateOfBirthReal" }] };
  const iso = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  if (iso > latest) return { issues: DATE_BOXES.map((box) => ({ box, key: "dateOfBirthFuture" })) };
  return { iso };
}

/** The three boxes for an ISO date (to fill the form in again), without leading zeros as people type them. */
export function dateBoxesOf(iso: string): Record<DateBox, string> {
  const [y = "", m = "", d = ""] = iso.split("-");
  return { dobDay: String(Number(d) || ""), dobMonth: String(Number(m) || ""), dobYear: y };
}

/** A box as typed (the date check reads the three together); a missing one is empty. */
const box = z._default(z.string({ error: "dateOfBirthReal" }), "");

/** Step one's fields before the date check (the letter path, verify-letter.ts, adds its code to them). */
export const detailsFields = z.object({
  bookingRef: z.pipe(
    z.string({ error: "bookingRefRequired" }),
    z.pipe(
      z.transform(normaliseBookingRef),
      z.string().check(z.minLength(1, "bookingRefRequired"), z.regex(BOOKING_REF_PATTERN, "bookingRefInvalid")),
    ),
  ),
  lastName: z.pipe(
    z.string({ error: "lastNameRequired" }),
    z.pipe(
      z.transform((v: string) => v.trim().replace(/\s+/g, " ")),
      z.string().check(z.minLength(1, "lastNameRequired"), z.maxLength(100, "lastNameTooLong")),
    ),
  ),
  dobDay: box,
  dobMonth: box,
  dobYear: box,
});

/** The date check over the three boxes, blamed on the box to fix. Runs even when another field is wrong. */
export const dateOfBirthCheck = z.superRefine(
  (v: Record<DateBox, string>, ctx) => {
    const read = readDateOfBirth(v.dobDay, v.dobMonth, v.dobYear);
    if ("issues" in read)
      for (const i of read.issues) ctx.addIssue({ code: "custom", message: i.key, path: [i.box], input: v[i.box] });
  },
  { when: (payload) => typeof payload.value === "object" && payload.value !== null },
);

export const verifyDetailsSchema = z.pipe(
  detailsFields.check(dateOfBirthCheck),
  z.transform((v) => {
    const read = readDateOfBirth(v.dobDay, v.dobMonth, v.dobYear);
    return { bookingRef: v.bookingRef, lastName: v.lastName, dateOfBirth: "iso" in read ? read.iso : "" };
  }),
);

export type VerifyDetailsInput = z.input<typeof verifyDetailsSchema>;
export type VerifyDetails = z.output<typeof verifyDetailsSchema>;
/** Step one's fields by name (the server reads a post with them; kept out of the browser's verify-fields.ts). */
export const VERIFY_FIELDS = ["bookingRef", "lastName", ...DATE_BOXES] as const;
