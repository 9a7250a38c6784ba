// The breach bundle format `breach-bundle/1` (docs/bundle-format.md): file names, exact headers and
// the per-row rules. Everything here is pure and shared by the importer, its worker threads and the generator.
// Reasons never quote personal data: at most a field name, or a value that is by construction not personal
// (an unknown category code, a malformed booking reference), and those only when they look like one.

import { CATEGORY_CODES } from "@/lib/catalogue/categories";

export const BUNDLE_FORMAT = "breach-bundle/1";

export const PEOPLE_COLUMNS = [
  "person_id",
  "given_name",
  "family_name",
  "date_of_birth",
  "email",
  "phone",
  "language",
  "country",
  "region",
  "mailing_address",
  "rewards_id",
] as const;
export const BOOKING_COLUMNS = ["booking_ref", "person_id", "role", "flight_date", "route"] as const;
export const EXPOSURE_COLUMNS = ["person_id", "category", "detail"] as const;

export type BundleFile = "people" | "bookings" | "exposures";
export const BUNDLE_FILES: readonly BundleFile[] = ["people", "bookings", "exposures"];
export const FILE_NAMES: Record<BundleFile, string> = {
  people: "people.csv",
  bookings: "bookings.csv",
  exposures: "exposures.csv",
};
export const HEADERS: Record<BundleFile, readonly string[]> = {
  people: PEOPLE_COLUMNS,
  bookings: BOOKING_COLUMNS,
  exposures: EXPOSURE_COLUMNS,
};

/** Category code → 1-based number, so staging tables can hold a smallint instead of text. */
export const CATEGORY_NUMBER: ReadonlyMap<string, number> = new Map(CATEGORY_CODES.map((c, i) => [c, i + 1]));

// Letters and combining marks, with single spaces, hyphens or apostrophes between them: Côté, O'Brien,
// de la Fontaine, Nguyễn, Jean-Luc, D’Arcy.
const NAME = /^[\p{L}\p{M}]+(?:[ \-'’][\p{L}\p{M}]+)*$/u;
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]]+\.[^\s@"(),:;<>[\\\]]+$/;
const PHONE = /^\+?[0-9][0-9 ().-]*[0-9]$/;
const COUNTRY = /^[A-Z]{2}$/;
const REGION = /^[A-Z0-9]{1,3}$/;
const REWARDS = /^[A-Za-z0-9-]{4,32}$/;
const BOOKING_REF = /^[A-Z2-9]{6}$/;
const ROUTE = /^[A-Z]{3}-[A-Z]{3}$/;
// A masked hint never carries what looks like a whole document, card or account number: eight or more digits,
// even split by spaces, dots or hyphens ("4111 1111 1111 1111"). Dates ("YUL-LHR on 2024-12-09") are fine.
const LONG_NUMBER = /\d(?:[ .-]?\d){7,}/;
const ISO_DATES = /\b\d{4}-\d{2}-\d{2}\b/g;
const CODE_LIKE = /^[a-z0-9_-]{1,40}$/i;
const REF_LIKE = /^[A-Za-z0-9 ]{1,12}$/;

const MAX_NAME = 100;
const MAX_LINE = 300;
const MAX_DETAIL = 200;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digitAt = (v: string, i: number) => v.charCodeAt(i) - 48;

/** YYYY-MM-DD that names a real calendar day, as days since 1970-01-01 (UTC); null if it does not. */
export function parseIsoDate(value: string): number | null {
  if (value.length !== 10 || value[4] !== "-" || value[7] !== "-") return null;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const d = digitAt(value, i);
    if (d < 0 || d > 9) return null;
    y = y * 10 + d;
  }
  const m1 = digitAt(value, 5);
  const m2 = digitAt(value, 6);
  const d1 = digitAt(value, 8);
  const d2 = digitAt(value, 9);
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return null;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return null;
  return Date.UTC(y, month - 1, day) / 864e5;
}

/** Today (UTC) in days since the epoch: dates of birth after it are in the future. */
export const todayUtcDays = (): number => Math.floor(Date.now() / 864e5);

const EARLIEST_BIRTH = Date.UTC(1900, 0, 1) / 864e5;

function checkName(field: string, v: string, out: string[]): void {
  if (!v) out.push(`${field} is empty`);
  else if (v.length > MAX_NAME) out.push(`${field} is longer than ${MAX_NAME} characters`);
  else if (!NAME.test(v)) out.push(`${field} must be letters, spaces, hyphens or apostrophes`);
}

function checkPhone(v: string): boolean {
  if (!PHONE.test(v)) return false;
  let digits = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= 7 && digits <= 15;
}

const oneLine = (v: string) => v.indexOf("\n") < 0 && v.indexOf("\r") < 0;
// Control and format characters (C0, DEL, C1 such as U+0085 NEXT LINE, bidi overrides, zero-width joiners):
// invisible in a mail client or a screen, and a way to smuggle a line break into a header or a log.
const CONTROL = /[\p{Cc}\p{Cf}]/u;

/** Row rules for people.csv. `f` holds the 11 fields in header order; reasons go to `out`. */
export function checkPerson(f: readonly string[], today: number, out: string[]): void {
  const [
    id = "",
    given = "",
    family = "",
    dob = "",
    email = "",
    phone = "",
    language = "",
    country = "",
    region = "",
    address = "",
    rewards = "",
  ] = f;
  if (!id) out.push("person_id is empty");
  else if (id.length > 64) out.push("person_id is longer than 64 characters");
  else if (!oneLine(id)) out.push("person_id spans lines");
  checkName("given_name", given, out);
  checkName("family_name", family, out);
  const born = parseIsoDate(dob);
  if (born === null) out.push("date_of_birth is not a real YYYY-MM-DD date");
  else if (born > today) out.push("date_of_birth is in the future");
  else if (born < EARLIEST_BIRTH) out.push("date_of_birth is before 1900");
  if (email && (email.length > 254 || !EMAIL.test(email))) out.push("email is not an email address");
  else if (email && CONTROL.test(email)) out.push("email contains a control character");
  if (phone && !checkPhone(phone)) out.push("phone is not an E.164-like number");
  if (language !== "en" && language !== "fr") out.push("language must be en or fr");
  if (!COUNTRY.test(country)) out.push("country must be an ISO 3166-1 alpha-2 code");
  if (region && !REGION.test(region)) out.push("region must be a province or state code");
  if (address.length > MAX_LINE) out.push(`mailing_address is longer than ${MAX_LINE} characters`);
  else if (address && !oneLine(address)) out.push("mailing_address must be one line");
  else if (CONTROL.test(address)) out.push("mailing_address contains a control character");
  if (rewards && !REWARDS.test(rewards)) out.push("rewards_id is malformed");
}

/** Row rules for bookings.csv. */
export function checkBooking(f: readonly string[], out: string[]): void {
  const [ref = "", person = "", role = "", flightDate = "", route = ""] = f;
  if (!BOOKING_REF.test(ref)) {
    out.push(
      REF_LIKE.test(ref)
        ? `booking_ref "${ref}" is not 6 characters A-Z, 2-9`
        : "booking_ref is not 6 characters A-Z, 2-9",
    );
  }
  if (!person) out.push("person_id is empty");
  if (role !== "booker" && role !== "companion") out.push("role must be booker or companion");
  if (parseIsoDate(flightDate) === null) out.push("flight_date is not a real YYYY-MM-DD date");
  if (!ROUTE.test(route)) out.push("route must look like AAA-BBB");
}

/** Row rules for exposures.csv. */
export function checkExposure(f: readonly string[], out: string[]): void {
  checkExposureFields(f[0] ?? "", f[1] ?? "", f[2] ?? "", out);
}

/** The same rules on the three fields (the importer's fast path has them as separate strings). */
export function checkExposureFields(person: string, category: string, detail: string, out: string[]): void {
  if (!person) out.push("person_id is empty");
  if (!CATEGORY_NUMBER.has(category)) {
    out.push(CODE_LIKE.test(category) ? `unknown category "${category}"` : "unknown category");
  }
  if (detail) {
    if (detail.length > MAX_DETAIL) out.push(`detail is longer than ${MAX_DETAIL} characters`);
    else if (!oneLine(detail) || CONTROL.test(detail)) out.push("detail must be a single line of plain text");
    else if (LONG_NUMBER.test(detail.replace(ISO_DATES, " ")))
      out.push("detail looks like a full number (at most a few digits may be shown)");
  }
}

export const ROW_CHECKS: Record<BundleFile, (f: readonly string[], today: number, out: string[]) => void> = {
  people: checkPerson,
  bookings: (f, _today, out) => checkBooking(f, out),
  exposures: (f, _today, out) => checkExposure(f, out),
};
