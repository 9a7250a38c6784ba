import "server-only";
import type { IncidentFile } from "@/lib/bundle/incident";
import { CATEGORY_CODES } from "@/lib/catalogue/categories";
import type { ImportSession } from "./import-session";

// Pass 2 of the bundle import: the writes. Everything is additive (ON CONFLICT DO NOTHING or an explicit
// "not yet there" filter), so importing a bundle again adds nothing. People rows themselves are copied in by
// the importer (lib/bundle/write-pass.ts); these statements add the rest from the staging tables.

export const PEOPLE_COPY_COLUMNS = [
  "incident_id",
  "external_id",
  "given_name",
  "family_name",
  "personal_enc",
  "email_bidx",
  "language",
  "country",
  "region",
  "rewards_bidx",
] as const;
export const PASSENGER_COPY_COLUMNS = ["booking_id", "person_id", "role", "lookup_bidx"] as const;

// Staged exposure categories are numbers (1-based positions in the catalogue): turn them back into codes.
const CATEGORY_ARRAY = `(ARRAY[${CATEGORY_CODES.map((c) => `'${c}'`).join(", ")}]::text[])`;

/** One import per incident at a time (a second one waits for the first to commit). */
export async function lockIncidentImports(s: ImportSession, incidentId: string): Promise<void> {
  await s.query("SELECT pg_advisory_xact_lock(hashtextextended('bundle-import:' || $1, 0)) AS locked", [incidentId]);
}

export async function incidentHasPeople(s: ImportSession, incidentId: string): Promise<boolean> {
  const rows = await s.query<{ id: number }>("SELECT id FROM people WHERE incident_id = $1 LIMIT 1", [incidentId]);
  return rows.length > 0;
}

/**
 * Adds the incident if it is new. An existing incident keeps what it has, except that optional details it lacks
 * (an incident imported before the bundle carried them) are filled in.
 */
export async function insertIncident(s: ImportSession, i: IncidentFile): Promise<void> {
  const p = i.monitoring.provider;
  const optional = [
    p?.name ?? null,
    p?.activation_url ?? null,
    p?.phone ?? null,
    p?.activate_within_days ?? null,
    i.steps_taken?.en ?? null,
    i.steps_taken?.fr ?? null,
    i.privacy_office?.email ?? null,
    i.privacy_office?.phone ?? null,
    i.privacy_office?.address ?? null,
  ];
  await s.run(
    `INSERT INTO incidents (id, organisation, title_en, title_fr, summary_en, summary_fr, detected_on, exposure_from,
       exposure_to, not_exposed, monitoring_term_months, enrol_by, support_phone, provider_name,
       provider_activation_url, provider_phone, provider_activate_within_days, steps_taken_en, steps_taken_fr,
       privacy_email, privacy_phone, privacy_address)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11, $12, $13, $14, $15, $16, $17::int, $18, $19, $20,
       $21, $22)
     ON CONFLICT (id) DO UPDATE SET
       provider_name = coalesce(incidents.provider_name, excluded.provider_name),
       provider_activation_url = coalesce(incidents.provider_activation_url, excluded.provider_activation_url),
       provider_phone = coalesce(incidents.provider_phone, excluded.provider_phone),
       provider_activate_within_days = coalesce(incidents.provider_activate_within_days,
         excluded.provider_activate_within_days),
       steps_taken_en = coalesce(incidents.steps_taken_en, excluded.steps_taken_en),
       steps_taken_fr = coalesce(incidents.steps_taken_fr, excluded.steps_taken_fr),
       privacy_email = coalesce(incidents.privacy_email, excluded.privacy_email),
       privacy_phone = coalesce(incidents.privacy_phone, excluded.privacy_phone),
       privacy_address = coalesce(incidents.privacy_address, excluded.privacy_address)`,
    [
      i.incident_id,
      i.organisation,
      i.title.en,
      i.title.fr,
      i.summary.en,
      i.summary.fr,
      i.detected_on,
      i.exposure_window.from,
      i.exposure_window.to,
      `{${i.not_exposed.join(",")}}`,
      i.monitoring.term_months,
      i.monitoring.enrol_by,
      i.support_phone,
      ...optional,
    ],
  );
}

/**
 * Bulk mode numbers people rows itself: row `line` of people.csv gets id `base + line`, where `base` is taken
 * from the identity sequence here and the sequence is moved past the last id with `raisePeopleIdCeiling` once
 * the number of lines is known. Only used while the importer holds an exclusive lock on people, so no other
 * insert can draw ids from the sequence in between.
 */
export async function takePeopleIdBase(s: ImportSession): Promise<number> {
  const [row] = await s.query<{ base: string }>("SELECT nextval(pg_get_serial_sequence('people', 'id'))::text AS base");
  return Number(row!.base);
}

export async function raisePeopleIdCeiling(s: ImportSession, top: number): Promise<void> {
  await s.query("SELECT setval(pg_get_serial_sequence('people', 'id'), $1::bigint) AS top", [top]);
}

/** One booking per booker row (the booker row carries the encrypted reference, date and route). */
export async function insertBookings(s: ImportSession, incidentId: string): Promise<number> {
  return s.run(
    `INSERT INTO bookings (incident_id, ref_bidx, ref_enc, flight_date, route)
     SELECT $1, ref_bidx, ref_enc, flight_date, route FROM import_bookings
     WHERE reason IS NULL AND role = 'booker' ORDER BY line
     ON CONFLICT (incident_id, ref_bidx) DO NOTHING`,
    [incidentId],
  );
}

/** Bulk mode: the incident is new and bookings' unique index is set aside, so a plain insert. */
export async function insertBookingsBulk(s: ImportSession, incidentId: string): Promise<number> {
  return s.run(
    `INSERT INTO bookings (incident_id, ref_bidx, ref_enc, flight_date, route)
     SELECT $1, ref_bidx, ref_enc, flight_date, route FROM import_bookings
     WHERE reason IS NULL AND role = 'booker' ORDER BY line`,
    [incidentId],
  );
}

/** Exposures of people loaded in bulk (ids from `reservePeopleIds`); the tables hold nothing for them yet. */
export async function insertExposuresBulk(s: ImportSession, idBase: number): Promise<number> {
  return s.run(
    `INSERT INTO exposures (person_id, category, detail_enc)
     SELECT $1::bigint + p.line, ${CATEGORY_ARRAY}[e.code], e.detail
     FROM import_exposures e JOIN import_people p ON p.ext = e.ext AND p.reason IS NULL
     WHERE e.reason IS NULL`,
    [idBase],
  );
}

export async function insertExposures(s: ImportSession, incidentId: string): Promise<number> {
  return s.run(
    `INSERT INTO exposures (person_id, category, detail_enc)
     SELECT q.id, ${CATEGORY_ARRAY}[e.code], e.detail
     FROM import_exposures e JOIN people q ON q.incident_id = $1 AND q.external_id = e.ext
     WHERE e.reason IS NULL
     ON CONFLICT DO NOTHING`,
    [incidentId],
  );
}

/**
 * Bulk mode with a person index: every valid booking row already knows its person (people.csv line) and its
 * lookup index, so passengers are one INSERT … SELECT. Returns the rows added and the rows that should have been.
 */
export async function insertPassengersResolved(
  s: ImportSession,
  incidentId: string,
  idBase: number,
): Promise<{ added: number; expected: number }> {
  const added = await s.run(
    `INSERT INTO booking_passengers (booking_id, person_id, role, lookup_bidx)
     SELECT b.id, $2::bigint + x.person_line, x.role, x.lookup_bidx
     FROM import_bookings x
     JOIN import_bookings k ON k.ref = x.ref AND k.role = 'booker' AND k.reason IS NULL
     JOIN bookings b ON b.incident_id = $1 AND b.ref_bidx = k.ref_bidx
     WHERE x.reason IS NULL AND x.person_line IS NOT NULL`,
    [incidentId, idBase],
  );
  const [row] = await s.query<{ n: string }>("SELECT count(*)::text AS n FROM import_bookings WHERE reason IS NULL");
  return { added, expected: Number(row!.n) };
}

export type PassengerRow = { booking_id: string; person_id: string; role: string; ref: string; family: string };

/**
 * Opens a cursor over the passenger rows still to add, with what their lookup index needs (reference and
 * family name). Bulk mode takes people ids and names from staging; otherwise from the people table.
 */
export async function openPassengerCursor(s: ImportSession, incidentId: string, idBase: number | null): Promise<void> {
  if (idBase !== null) {
    await s.run(
      `DECLARE import_passengers NO SCROLL CURSOR FOR
       SELECT b.id::text AS booking_id, ($2::bigint + p.line)::text AS person_id, x.role, x.ref, p.family
       FROM import_bookings x
       JOIN import_bookings k ON k.ref = x.ref AND k.role = 'booker' AND k.reason IS NULL
       JOIN bookings b ON b.incident_id = $1 AND b.ref_bidx = k.ref_bidx
       JOIN import_people p ON p.ext = x.ext AND p.reason IS NULL
       WHERE x.reason IS NULL`,
      [incidentId, idBase],
    );
    return;
  }
  await s.run(
    `DECLARE import_passengers NO SCROLL CURSOR FOR
     SELECT b.id::text AS booking_id, q.id::text AS person_id, x.role, x.ref, q.family_name AS family
     FROM import_bookings x
     JOIN import_bookings k ON k.ref = x.ref AND k.role = 'booker' AND k.reason IS NULL
     JOIN bookings b ON b.incident_id = $1 AND b.ref_bidx = k.ref_bidx
     JOIN people q ON q.incident_id = $1 AND q.external_id = x.ext
     WHERE x.reason IS NULL
       AND NOT EXISTS (SELECT 1 FROM booking_passengers bp WHERE bp.booking_id = b.id AND bp.person_id = q.id)`,
    [incidentId],
  );
}

export const fetchPassengers = (s: ImportSession, n: number) =>
  s.query<PassengerRow>(`FETCH ${n} FROM import_passengers`);
export const closePassengerCursor = (s: ImportSession) => s.run("CLOSE import_passengers");

export async function tuneForImport(s: ImportSession): Promise<void> {
  // Room for the hash joins and index builds of a large import; reset when the transaction ends.
  await s.run("SET LOCAL work_mem = '256MB'");
  await s.run("SET LOCAL maintenance_work_mem = '512MB'");
  // The importer reads every row of its cursors: plan them for the whole result, not for a fast first row
  // (the default fraction picks nested loops over staging tables, which have no indexes).
  await s.run("SET LOCAL cursor_tuple_fraction = 1.0");
}
