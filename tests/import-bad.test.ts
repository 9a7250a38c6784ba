import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ImportOptions, importBundle } from "@/lib/bundle/import";
import { BundleRejectedError, formatIssue } from "@/lib/bundle/issues";
import { BAD_BUNDLE, copyOf, DEMO_BUNDLE, EMPTY_COUNTS, removeTempDirs, tableCounts } from "./helpers/bundle-fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// demo/bad-bundle breaks every rule of docs/bundle-format.md once. Runs on PGlite and PostgreSQL.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.destroy();
  removeTempDirs();
});
beforeEach(async () => {
  // Each test starts from an empty incident (the skip tests write).
  await t.db.execute(sql`truncate booking_passengers, exposures, bookings, people, incidents cascade`);
});

const EVERY_BAD_ROW = [
  "people.csv:9: person_id is empty",
  "people.csv:10: given_name must be letters, spaces, hyphens or apostrophes",
  "people.csv:11: family_name is empty",
  "people.csv:12: date_of_birth is not a real YYYY-MM-DD date",
  "people.csv:13: date_of_birth is in the future",
  "people.csv:14: email is not an email address",
  "people.csv:15: phone is not an E.164-like number",
  "people.csv:16: language must be en or fr",
  "people.csv:17: country must be an ISO 3166-1 alpha-2 code",
  "people.csv:18: duplicate rewards_id (lines 18, 19)",
  "people.csv:19: duplicate rewards_id (lines 18, 19)",
  "people.csv:20: duplicate person_id (lines 20, 21)",
  "people.csv:21: duplicate person_id (lines 20, 21)",
  "people.csv:22: expected 11 fields, found 9",
  "people.csv:23: malformed CSV: text after a closing quote",
  "people.csv:24: malformed CSV: stray quote in an unquoted field; given_name must be letters, spaces, hyphens or apostrophes",
  // A quote left open ends with its line (no field spans lines): the row after it is read as a row of its own.
  "people.csv:25: malformed CSV: a quoted field is not closed on its line; expected 11 fields, found 10",
  "people.csv:26: malformed CSV: stray quote in an unquoted field; expected 11 fields, found 2",
  "people.csv:28: not valid UTF-8; family_name must be letters, spaces, hyphens or apostrophes",
  'bookings.csv:9: booking_ref "AB1" is not 6 characters A-Z, 2-9',
  "bookings.csv:10: unknown person_id",
  "bookings.csv:11: role must be booker or companion",
  "bookings.csv:12: booking has no booker (exactly one is required)",
  "bookings.csv:13: booking has no booker (exactly one is required)",
  "bookings.csv:14: booking has 2 bookers on lines 14, 15 (exactly one is required)",
  "bookings.csv:15: booking has 2 bookers on lines 14, 15 (exactly one is required)",
  "bookings.csv:16: booking has 2 bookers on lines 14, 15 (exactly one is required)",
  "bookings.csv:17: flight_date is not a real YYYY-MM-DD date",
  "bookings.csv:18: route must look like AAA-BBB",
  "bookings.csv:19: duplicate passenger on this booking (first on line 3)",
  "bookings.csv:23: flight_date or route differs from the booker row (line 22)",
  "exposures.csv:13: unknown person_id",
  'exposures.csv:14: unknown category "ssn"',
  "exposures.csv:15: detail looks like a full number (at most a few digits may be shown)",
  "exposures.csv:16: detail looks like a full number (at most a few digits may be shown)",
  "exposures.csv:17: duplicate category for this person (first on line 2)",
  "exposures.csv:18: person_id is empty",
];

/** Rows skipped only because a row they depend on was rejected (reported with --skip-invalid). */
const DEPENDENT_ROWS = [
  "bookings.csv:20: person_id refers to a rejected row (people.csv:11)",
  "bookings.csv:21: the booking's booker row was rejected (bookings.csv:20)",
  "bookings.csv:24: person_id refers to a rejected row (people.csv:12)",
  "exposures.csv:19: person_id refers to a rejected row (people.csv:13)",
];

const fileOrder = (line: string) =>
  ["people", "bookings", "exposures"].findIndex((f) => line.startsWith(f)) * 1e6 + Number(line.split(":")[1]);

async function run(dir: string, opts: ImportOptions = {}) {
  const issues: string[] = [];
  try {
    const counts = await importBundle(t, dir, { ...opts, onIssue: (i) => issues.push(formatIssue(i)) });
    return { counts, issues, error: null };
  } catch (error) {
    if (!(error instanceof BundleRejectedError)) throw error;
    return { counts: null, issues, error };
  }
}

describe("a bundle with bad rows", () => {
  it("is refused with every bad row as file:line: reason, and nothing is written", async () => {
    const r = await run(BAD_BUNDLE);
    expect(r.error?.fatal).toBe(false);
    expect(r.error?.count).toBe(EVERY_BAD_ROW.length);
    expect(r.issues).toEqual(EVERY_BAD_ROW);
    expect(await tableCounts(t)).toEqual(EMPTY_COUNTS);
  });

  it("never quotes personal data in a reason", async () => {
    const r = await run(BAD_BUNDLE, { skipInvalid: true });
    const text = r.issues.join("\n");
    for (const value of [
      "R2D2",
      "Anna",
      "not-an-email",
      "call me",
      "Canada",
      "WS000000099",
      "W00000019",
      "123456789",
      "4111",
      "12 Main St",
      "2099-01-01",
    ]) {
      expect(text).not.toContain(value);
    }
  });

  for (const mode of ["staged", "bulk"] as const) {
    it(`with skipInvalid imports the good rows and counts the skipped ones (${mode} mode)`, async () => {
      const r = await run(BAD_BUNDLE, { skipInvalid: true, mode, workers: mode === "bulk" ? 2 : 0 });
      expect(r.counts).toEqual({
        people: 8,
        bookings: 3,
        passengers: 8,
        exposures: 12,
        skipped: EVERY_BAD_ROW.length + DEPENDENT_ROWS.length,
      });
      expect(r.issues).toEqual([...EVERY_BAD_ROW, ...DEPENDENT_ROWS].sort((a, b) => fileOrder(a) - fileOrder(b)));
      expect(await tableCounts(t)).toEqual({
        incidents: 1,
        people: 8,
        bookings: 3,
        booking_passengers: 8,
        exposures: 12,
      });
      // And again: nothing more.
      expect((await run(BAD_BUNDLE, { skipInvalid: true })).counts).toMatchObject({
        people: 0,
        bookings: 0,
        passengers: 0,
        exposures: 0,
      });
    });
  }
});

describe("a bundle that cannot be read", () => {
  const refused = async (dir: string, skipInvalid = true) => {
    const r = await run(dir, { skipInvalid });
    expect(r.error?.fatal).toBe(true);
    expect(await tableCounts(t)).toEqual(EMPTY_COUNTS);
    return r.issues;
  };

  it("reports each wrong header, even with skipInvalid", async () => {
    const dir = copyOf(DEMO_BUNDLE);
    const people = readFileSync(join(dir, "people.csv"), "utf8");
    writeFileSync(join(dir, "people.csv"), people.replace("person_id,given_name", "person_id,first_name"));
    const bookings = readFileSync(join(dir, "bookings.csv"), "utf8");
    writeFileSync(join(dir, "bookings.csv"), bookings.replace("flight_date,route", "route,flight_date"));
    writeFileSync(join(dir, "exposures.csv"), "");
    expect(await refused(dir)).toEqual([
      'people.csv:1: header must be exactly "person_id,given_name,family_name,date_of_birth,email,phone,language,country,region,mailing_address,rewards_id"',
      'bookings.csv:1: header must be exactly "booking_ref,person_id,role,flight_date,route"',
      'exposures.csv:1: file is empty (the first line must be "person_id,category,detail")',
    ]);
  });

  it("reports a missing file and a bad incident.json", async () => {
    const dir = copyOf(DEMO_BUNDLE);
    rmSync(join(dir, "exposures.csv"));
    const incident = JSON.parse(readFileSync(join(dir, "incident.json"), "utf8"));
    writeFileSync(
      join(dir, "incident.json"),
      JSON.stringify({
        ...incident,
        format: "breach-bundle/2",
        monitoring: { term_months: 24, enrol_by: "2027-02-30" },
      }),
    );
    expect(await refused(dir)).toEqual([
      'incident.json: format must be "breach-bundle/1"',
      "incident.json: monitoring.enrol_by must be a real YYYY-MM-DD date",
      "exposures.csv: file is missing",
    ]);
  });

  it("checks the optional incident details whole, when a bundle gives them", async () => {
    const dir = copyOf(DEMO_BUNDLE);
    const incident = JSON.parse(readFileSync(join(dir, "incident.json"), "utf8"));
    writeFileSync(
      join(dir, "incident.json"),
      JSON.stringify({
        ...incident,
        monitoring: {
          ...incident.monitoring,
          provider: { name: "Northwind", activation_url: "http://x.example", phone: "", activate_within_days: 0 },
        },
        steps_taken: { en: "We acted." },
        privacy_office: { email: "not-an-address", phone: "+1-888-555-0101", address: "Calgary" },
      }),
    );
    expect(await refused(dir)).toEqual([
      "incident.json: monitoring.provider.activation_url must be an https:// address",
      "incident.json: monitoring.provider.phone must not be empty",
      "incident.json: monitoring.provider.activate_within_days must be at least 1",
      "incident.json: steps_taken.fr must be text",
      "incident.json: privacy_office.email must be an email address",
    ]);
  });
});
