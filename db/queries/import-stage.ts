import "server-only";
import type { ImportSession } from "./import-session";

// Pass 1 of the bundle import: every row of the three CSV files lands in a temporary table with its line
// number and, if it broke a row rule, the reason. The rules that need the whole bundle (uniqueness, unknown
// people, one booker per booking, rows that depend on rejected rows) are then set-based updates here, so
// memory in the importer does not grow with the bundle. Temporary tables vanish with the transaction.
// Staged values: person_id, family name, booking reference (normalised) and exposure detail (encrypted); no date of
// birth, email, phone, address or rewards ID (only its blind index).

export const STAGE_COLUMNS = {
  people: ["line", "reason", "ext", "family", "rewards_bidx"],
  bookings: [
    "line",
    "reason",
    "ref",
    "ref_bidx",
    "ref_enc",
    "ext",
    "role",
    "flight_date",
    "route",
    "person_line",
    "lookup_bidx",
  ],
  exposures: ["line", "reason", "ext", "code", "detail"],
} as const;

export const STAGE_TABLES = {
  people: "import_people",
  bookings: "import_bookings",
  exposures: "import_exposures",
} as const;

// Identifiers and blind indexes compare byte by byte, like their columns in db/schema/people.ts (byteText): the
// rules group and join on them, and locale-aware comparisons would only make that slower.
const C = 'text COLLATE "C"';

export async function createStagingTables(s: ImportSession): Promise<void> {
  await s.run(`CREATE TEMP TABLE import_people (
    line integer NOT NULL, reason text, dependent boolean NOT NULL DEFAULT false,
    ext ${C}, family text, rewards_bidx ${C}, existing boolean NOT NULL DEFAULT false) ON COMMIT DROP`);
  await s.run(`CREATE TEMP TABLE import_bookings (
    line integer NOT NULL, reason text, dependent boolean NOT NULL DEFAULT false,
    ref ${C}, ref_bidx ${C}, ref_enc text, ext ${C}, role text, flight_date date, route text,
    person_line integer, lookup_bidx ${C}) ON COMMIT DROP`);
  await s.run(`CREATE TEMP TABLE import_exposures (
    line integer NOT NULL, reason text, dependent boolean NOT NULL DEFAULT false,
    ext ${C}, code smallint, detail text) ON COMMIT DROP`);
}

// A person_id that matches no usable person: a rejected people.csv row (the row depends on it) or nothing.
// (Booking rows the importer already placed with its person index have person_line set and are skipped.)
const unresolvedPerson = (table: string) => `
  WITH unresolved AS (
    SELECT x.line, x.ext FROM ${table} x
    WHERE x.reason IS NULL${table === "import_bookings" ? " AND x.person_line IS NULL" : ""}
      AND NOT EXISTS (SELECT 1 FROM import_people p WHERE p.ext = x.ext AND p.reason IS NULL)
      AND NOT EXISTS (SELECT 1 FROM people q WHERE q.incident_id = $1 AND q.external_id = x.ext)
  ), rejected AS (
    SELECT u.line, min(p.line) AS person_line
    FROM unresolved u LEFT JOIN import_people p ON p.ext = u.ext
    GROUP BY u.line
  )
  UPDATE ${table} t
  SET reason = coalesce('person_id refers to a rejected row (people.csv:' || r.person_line || ')', 'unknown person_id'),
      dependent = r.person_line IS NOT NULL
  FROM rejected r WHERE t.line = r.line`;

export type RuleTimer = (rule: string, ms: number) => void;

const timer = (s: ImportSession, onRule?: RuleTimer) => async (rule: string, text: string, params?: unknown[]) => {
  const started = performance.now();
  await s.run(text, params);
  onRule?.(rule, performance.now() - started);
};

/** All whole-bundle rules, in order. `hasPeople`: the incident already has people in the database. */
export async function applySetRules(
  s: ImportSession,
  incidentId: string,
  hasPeople: boolean,
  onRule?: RuleTimer,
): Promise<void> {
  await applyPeopleRules(s, incidentId, hasPeople, onRule);
  await applyBookingRules(s, incidentId, onRule);
  await applyExposureRules(s, incidentId, onRule);
}

/**
 * people.csv rules (they need only import_people, so they can run before the other files are checked).
 * `only` lets a caller that has proved there is no duplicate person_id or rewards_id skip that rule.
 */
export async function applyPeopleRules(
  s: ImportSession,
  incidentId: string,
  hasPeople: boolean,
  onRule?: RuleTimer,
  only: { ids: boolean; rewards: boolean } = { ids: true, rewards: true },
): Promise<void> {
  const timed = timer(s, onRule);
  await timed("analyze people", "ANALYZE import_people");
  // person_id and rewards_id unique; every occurrence is rejected, as none can be trusted.
  if (only.ids) {
    await timed(
      "people: duplicate person_id",
      `
      WITH d AS (
        SELECT ext, array_to_string((array_agg(line ORDER BY line))[1:4], ', ') AS lines
        FROM import_people WHERE ext IS NOT NULL GROUP BY ext HAVING count(*) > 1
      )
      UPDATE import_people t SET reason = 'duplicate person_id (lines ' || d.lines || ')'
      FROM d WHERE t.ext = d.ext AND t.reason IS NULL`,
    );
  }
  if (only.rewards) {
    await timed(
      "people: duplicate rewards_id",
      `
      WITH d AS (
        SELECT rewards_bidx, array_to_string((array_agg(line ORDER BY line))[1:4], ', ') AS lines
        FROM import_people WHERE rewards_bidx IS NOT NULL AND reason IS NULL GROUP BY rewards_bidx HAVING count(*) > 1
      )
      UPDATE import_people t SET reason = 'duplicate rewards_id (lines ' || d.lines || ')'
      FROM d WHERE t.rewards_bidx = d.rewards_bidx AND t.reason IS NULL`,
    );
  }
  if (hasPeople) {
    await timed(
      "people: rewards_id taken",
      `UPDATE import_people t SET reason = 'rewards_id already belongs to another person in this incident'
       FROM people q
       WHERE q.incident_id = $1 AND q.rewards_bidx = t.rewards_bidx AND q.external_id <> t.ext AND t.reason IS NULL`,
      [incidentId],
    );
    await timed(
      "people: already imported",
      `UPDATE import_people t SET existing = true
       FROM people q WHERE q.incident_id = $1 AND q.external_id = t.ext AND t.reason IS NULL`,
      [incidentId],
    );
  }
}

/** bookings.csv rules; the people rules must have run. */
export async function applyBookingRules(s: ImportSession, incidentId: string, onRule?: RuleTimer): Promise<void> {
  const timed = timer(s, onRule);
  await timed("analyze bookings", "ANALYZE import_bookings");
  await timed("bookings: person_id", unresolvedPerson("import_bookings"), [incidentId]);
  // Bookings are grouped by their (normalised, staged) reference; only booker rows carry its blind index.
  await timed(
    "bookings: one booker",
    `
    WITH bad AS (
      SELECT ref, count(*) FILTER (WHERE role = 'booker') AS bookers
      FROM import_bookings WHERE ref IS NOT NULL
      GROUP BY ref HAVING count(*) FILTER (WHERE role = 'booker') <> 1
    ), lines AS (
      SELECT b.ref, string_agg(b.line::text, ', ' ORDER BY b.line) AS lines
      FROM import_bookings b JOIN bad USING (ref) WHERE b.role = 'booker' GROUP BY b.ref
    )
    UPDATE import_bookings t
    SET reason = CASE WHEN bad.bookers = 0 THEN 'booking has no booker (exactly one is required)'
                      ELSE 'booking has ' || bad.bookers || ' bookers on lines ' || lines.lines || ' (exactly one is required)' END
    FROM bad LEFT JOIN lines USING (ref)
    WHERE t.ref = bad.ref AND t.reason IS NULL`,
  );
  await timed(
    "bookings: duplicate passenger",
    `
    WITH d AS (
      SELECT ref, ext, min(line) AS first FROM import_bookings
      WHERE reason IS NULL GROUP BY ref, ext HAVING count(*) > 1
    )
    UPDATE import_bookings t SET reason = 'duplicate passenger on this booking (first on line ' || d.first || ')'
    FROM d WHERE t.ref = d.ref AND t.ext = d.ext AND t.line > d.first AND t.reason IS NULL`,
  );
  await timed(
    "bookings: same trip",
    `
    UPDATE import_bookings t SET reason = 'flight_date or route differs from the booker row (line ' || b.line || ')'
    FROM import_bookings b
    WHERE b.ref = t.ref AND b.role = 'booker' AND b.reason IS NULL
      AND t.role = 'companion' AND t.reason IS NULL
      AND (b.flight_date <> t.flight_date OR b.route <> t.route)`,
  );
  await timed(
    "bookings: rejected booker",
    `
    UPDATE import_bookings t SET reason = 'the booking''s booker row was rejected (bookings.csv:' || b.line || ')', dependent = true
    FROM import_bookings b
    WHERE b.ref = t.ref AND b.role = 'booker' AND b.reason IS NOT NULL AND t.reason IS NULL`,
  );
}

/** exposures.csv rules (on the staged rows: in bulk mode with a person index, only those it could not place). */
export async function applyExposureRules(s: ImportSession, incidentId: string, onRule?: RuleTimer): Promise<void> {
  const timed = timer(s, onRule);
  await timed("analyze exposures", "ANALYZE import_exposures");
  await timed("exposures: person_id", unresolvedPerson("import_exposures"), [incidentId]);
  // Duplicated categories: a cheap per-person test first (each code is one bit), then the exact rows.
  await timed(
    "exposures: duplicate category",
    `
    WITH suspects AS (
      SELECT ext FROM import_exposures WHERE reason IS NULL
      GROUP BY ext HAVING sum(1 << code) <> bit_or(1 << code)
    ), d AS (
      SELECT e.ext, e.code, min(e.line) AS first
      FROM import_exposures e JOIN suspects USING (ext) WHERE e.reason IS NULL
      GROUP BY e.ext, e.code HAVING count(*) > 1
    )
    UPDATE import_exposures t SET reason = 'duplicate category for this person (first on line ' || d.first || ')'
    FROM d WHERE t.ext = d.ext AND t.code = d.code AND t.line > d.first AND t.reason IS NULL`,
  );
}

/** Lines of people.csv the rules rejected (to leave out of the person index). */
export async function* rejectedPeopleLines(s: ImportSession, page = 20000): AsyncGenerator<number[]> {
  await s.run(
    "DECLARE import_rejected NO SCROLL CURSOR FOR SELECT line FROM import_people WHERE reason IS NOT NULL ORDER BY line",
  );
  try {
    for (;;) {
      const rows = await s.query<{ line: number }>(`FETCH ${page} FROM import_rejected`);
      if (rows.length) yield rows.map((r) => Number(r.line));
      if (rows.length < page) break;
    }
  } finally {
    await s.run("CLOSE import_rejected");
  }
}

export type StageCounts = { rejected: number; intrinsic: number; newPeople: number; maxPeopleLine: number };

export async function stageCounts(s: ImportSession): Promise<StageCounts> {
  // One pass over each staging table.
  const [row] = await s.query<{ rejected: string; intrinsic: string; new_people: string; max_line: string }>(`
    WITH p AS (
      SELECT count(*) FILTER (WHERE reason IS NOT NULL) AS rejected,
             count(*) FILTER (WHERE reason IS NOT NULL AND NOT dependent) AS intrinsic,
             count(*) FILTER (WHERE reason IS NULL AND NOT existing) AS new_people,
             coalesce(max(line), 0) AS max_line
      FROM import_people
    ), b AS (
      SELECT count(*) FILTER (WHERE reason IS NOT NULL) AS rejected,
             count(*) FILTER (WHERE reason IS NOT NULL AND NOT dependent) AS intrinsic
      FROM import_bookings
    ), e AS (
      SELECT count(*) FILTER (WHERE reason IS NOT NULL) AS rejected,
             count(*) FILTER (WHERE reason IS NOT NULL AND NOT dependent) AS intrinsic
      FROM import_exposures
    )
    SELECT (p.rejected + b.rejected + e.rejected)::text AS rejected, (p.intrinsic + b.intrinsic + e.intrinsic)::text AS intrinsic,
           p.new_people::text AS new_people, p.max_line::text AS max_line
    FROM p, b, e`);
  return {
    rejected: Number(row!.rejected),
    intrinsic: Number(row!.intrinsic),
    newPeople: Number(row!.new_people),
    maxPeopleLine: Number(row!.max_line),
  };
}

export type StagedIssue = {
  file: "people" | "bookings" | "exposures";
  line: number;
  reason: string;
  dependent: boolean;
};

/** Every rejected row in file order, a page at a time (a cursor keeps memory flat). */
export async function* stagedIssues(
  s: ImportSession,
  includeDependent: boolean,
  page = 2000,
): AsyncGenerator<StagedIssue> {
  const filter = includeDependent ? "reason IS NOT NULL" : "reason IS NOT NULL AND NOT dependent";
  await s.run(`DECLARE import_issues NO SCROLL CURSOR FOR
    SELECT file, line, reason, dependent FROM (
      SELECT 1 AS n, 'people' AS file, line, reason, dependent FROM import_people WHERE ${filter}
      UNION ALL SELECT 2, 'bookings', line, reason, dependent FROM import_bookings WHERE ${filter}
      UNION ALL SELECT 3, 'exposures', line, reason, dependent FROM import_exposures WHERE ${filter}
    ) x ORDER BY n, line`);
  try {
    for (;;) {
      const rows = await s.query<StagedIssue>(`FETCH ${page} FROM import_issues`);
      for (const r of rows) yield { file: r.file, line: Number(r.line), reason: r.reason, dependent: r.dependent };
      if (rows.length < page) break;
    }
  } finally {
    await s.run("CLOSE import_issues");
  }
}

/** Line numbers of people.csv rows not to write: rejected, or already in the database. */
export async function* peopleSkipLines(s: ImportSession, page = 20000): AsyncGenerator<number[]> {
  await s.run(
    "DECLARE import_skip NO SCROLL CURSOR FOR SELECT line FROM import_people WHERE reason IS NOT NULL OR existing ORDER BY line",
  );
  try {
    for (;;) {
      const rows = await s.query<{ line: number }>(`FETCH ${page} FROM import_skip`);
      if (rows.length) yield rows.map((r) => Number(r.line));
      if (rows.length < page) break;
    }
  } finally {
    await s.run("CLOSE import_skip");
  }
}
