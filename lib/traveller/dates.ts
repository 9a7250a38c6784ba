// Calendar-date arithmetic on "YYYY-MM-DD" strings, in UTC, so a server's time zone never moves a date. Enrol-by
// and enrolment dates are UTC calendar dates: a traveller in Vancouver enrolling at 17:00 local on the enrol-by day
// is already on the next UTC day; the support line enrols late callers.

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function toIsoDate(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function parts(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error("not a YYYY-MM-DD date");
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const daysInMonth = (year: number, month1: number) => new Date(Date.UTC(year, month1, 0)).getUTCDate();

/**
 * Adds whole months, keeping the day of month when it exists and otherwise using the month's last day:
 * 2025-01-31 + 24 → 2027-01-31; 2028-02-29 + 24 → 2030-02-28; 2025-03-31 + 1 → 2025-04-30.
 */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month1 = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month1)}-${pad(Math.min(d, daysInMonth(year, month1)))}`;
}

/** Whole years between a date of birth and a day, both YYYY-MM-DD (a 29 February birthday counts from 1 March). */
export function ageOn(dob: string, on: string): number {
  const [by, bm, bd] = parts(dob);
  const [y, m, d] = parts(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const isMinorOn = (dob: string, on: string) => ageOn(dob, on) < 18;

/** ISO dates compare correctly as strings. */
export const isOnOrBefore = (a: string, b: string) => a <= b;

/** Adds whole days: 2025-12-30 + 3 → 2026-01-02. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return toIsoDate(new Date(Date.UTC(y, m - 1, d + days)));
}
