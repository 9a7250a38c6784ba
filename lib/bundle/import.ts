import "server-only";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { APP_SESSION_NAME, type DatabaseHandle, WORKER_SESSION_NAME } from "@/db/client";
import { countServingSessions, prepareBulkLoad } from "@/db/queries/import-bulk";
import { inImportTransaction } from "@/db/queries/import-session";
import { createStagingTables } from "@/db/queries/import-stage";
import { incidentHasPeople, lockIncidentImports, tuneForImport } from "@/db/queries/import-write";
import { bulkImport } from "./bulk-import";
import { FatalBundleError, headerProblem, type PassContext } from "./check-pass";
import { chunkFile } from "./chunker";
import { BUNDLE_FILES, type BundleFile, FILE_NAMES, todayUtcDays } from "./format";
import { readIncident } from "./incident";
import { BundleRejectedError, type ImportIssue, IssueLog } from "./issues";
import { inlineRunner, type JobRunner, workerRunner } from "./pool";
import { type ImportProgress, ProgressTracker } from "./progress";
import { loadProtectKeys, type ProtectKeys } from "./protect";
import { decide, stagedImport } from "./staged-import";

// `importBundle(handle, dir)`: loads a breach bundle (docs/bundle-format.md) into the database, in one transaction.
//
//   1. incident.json and the three headers are checked; a bad one stops everything.
//   2. Check: every row is parsed and checked on worker threads (rows.ts) and staged, with its line number and
//      verdict, in temporary tables; the whole-bundle rules run there as SQL (db/queries/import-stage.ts).
//      Every bad row is reported; without skipInvalid any bad row means nothing is written.
//   3. Write: people rows are encrypted (protect.ts) and copied in; bookings, passengers and exposures are
//      added. Additive and idempotent: people are matched by (incident, person_id), bookings by (incident,
//      reference index), passengers by (booking, person), exposures by (person, category); existing rows are
//      left as they are, and the counts returned are of rows this run added.
//
// Two ways to do it: the general one (staged-import.ts) works for any incident and any existing rows; a first
// import of at least BULK_MIN_BYTES of people.csv runs in bulk mode (bulk-import.ts), which sets foreign keys
// and secondary indexes aside and overlaps encryption with the database work. Bulk mode locks readers out, so it
// never runs while the portal is serving (a session named portal-app or portal-worker is connected): "auto" then
// loads in staged mode, which readers do not wait for, and an explicit "bulk" is refused (ServingDatabaseError). Memory does not grow with the
// bundle: files are streamed in chunks, set rules run in the database, and bulk mode's person index is capped
// (person-index.ts).

export type ImportMode = "auto" | "bulk" | "staged";

/** --mode bulk on a database the portal is using: refused before anything is written. */
export class ServingDatabaseError extends Error {
  constructor(readonly sessions: number) {
    super(
      `bulk mode locks people, bookings, passengers and exposures for the whole import, and ${sessions} portal ` +
        "session(s) (app instances or workers) are connected to this database: stop them first, or import with " +
        "--mode staged (slower, and the portal keeps serving)",
    );
    this.name = "ServingDatabaseError";
  }
}

export type ImportOptions = {
  /** Import the good rows and skip bad ones (and rows that depend on them) instead of refusing the bundle. */
  skipInvalid?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** Every bad row (with skipInvalid, also rows skipped because they depend on a bad one). */
  onIssue?: (i: ImportIssue) => void;
  /** "auto" uses bulk mode for a first import of at least BULK_MIN_BYTES of people.csv. */
  mode?: ImportMode;
  /** Worker threads; 0 runs everything on the main thread. Default: by bundle size and CPU count. */
  workers?: number;
  /** Bulk mode: place exposures and passengers with an in-memory person index (default true). */
  personIndex?: boolean;
  /** Bulk mode: how long to wait for exclusive locks on the bundle tables before loading normally instead. */
  lockTimeoutMs?: number;
  /** "auto": the size of people.csv from which a first import uses bulk mode (default BULK_MIN_BYTES). */
  bulkMinBytes?: number;
};

/** Rows added by this run; `skipped` counts rejected rows (only non-zero with skipInvalid). */
export type ImportCounts = { people: number; bookings: number; passengers: number; exposures: number; skipped: number };

// Bulk mode locks the four bundle tables for the length of the import, so "auto" keeps it for imports big
// enough to gain from it (about 40,000 people and up).
export const BULK_MIN_BYTES = 4 << 20;
const WORKERS_MIN_BYTES = 4 << 20;

async function preflight(dir: string, issues: IssueLog) {
  const incident = await readIncident(join(dir, "incident.json"));
  if (!incident.ok) for (const reason of incident.reasons) issues.add({ file: "incident.json", line: null, reason });
  const sizes = {} as Record<BundleFile, number>;
  for (const file of BUNDLE_FILES) {
    const path = join(dir, FILE_NAMES[file]);
    try {
      sizes[file] = (await stat(path)).size;
    } catch {
      issues.add({ file: FILE_NAMES[file], line: null, reason: "file is missing" });
      continue;
    }
    let header = true;
    let rows = false;
    for await (const chunk of chunkFile(path, 64 << 10)) {
      if (header) {
        header = false;
        const problem = headerProblem(file, chunk.data);
        if (problem) issues.add({ file: FILE_NAMES[file], line: 1, reason: problem });
        // people.csv: read on until a line that is not blank (a bundle that names nobody is refused).
        if (problem || file !== "people") {
          rows = true;
          break;
        }
        continue;
      }
      rows = chunk.data.some((b) => b !== 10 && b !== 13 && b !== 32);
      if (rows) break;
    }
    if (!header && !rows) {
      const reason = "has no people after its header: a bundle must name at least one affected person";
      issues.add({ file: FILE_NAMES[file], line: null, reason });
    }
  }
  if (issues.count > 0 || !incident.ok) throw new BundleRejectedError(issues.count, issues.sample, true);
  return { incident: incident.incident, sizes };
}

async function startRunner(keys: ProtectKeys, requested: number | undefined, bundleBytes: number): Promise<JobRunner> {
  if (requested === 0 || (requested === undefined && bundleBytes < WORKERS_MIN_BYTES)) return inlineRunner(keys);
  return workerRunner(keys, requested);
}

export async function importBundle(
  handle: DatabaseHandle,
  dir: string,
  opts: ImportOptions = {},
): Promise<ImportCounts> {
  const skipInvalid = opts.skipInvalid ?? false;
  const mode = opts.mode ?? "auto";
  const issues = new IssueLog(opts.onIssue);
  const { incident, sizes } = await preflight(dir, issues);
  const incidentId = incident.incident_id;
  const progress = new ProgressTracker(opts.onProgress);
  const keys = loadProtectKeys();
  // Worker threads start while the transaction is set up.
  const starting = startRunner(keys, opts.workers, sizes.people + sizes.bookings + sizes.exposures);
  starting.catch(() => {});
  // BUNDLE_IMPORT_TIMINGS=1 reports each rule's time (for tuning).
  const onRule = process.env.BUNDLE_IMPORT_TIMINGS
    ? (rule: string, ms: number) => progress.report("check", rule, ms)
    : undefined;
  try {
    return await inImportTransaction(handle, async (s) => {
      await tuneForImport(s);
      await lockIncidentImports(s, incidentId);
      const hasPeople = await incidentHasPeople(s, incidentId);
      let wantBulk =
        !hasPeople && (mode === "bulk" || (mode === "auto" && sizes.people >= (opts.bulkMinBytes ?? BULK_MIN_BYTES)));
      if (wantBulk) {
        // Bulk mode's exclusive locks would freeze a serving portal for the whole import: never while it serves.
        const serving = await countServingSessions(s, [APP_SESSION_NAME, WORKER_SESSION_NAME]);
        if (serving > 0 && mode === "bulk") throw new ServingDatabaseError(serving);
        if (serving > 0) wantBulk = false;
      }
      const restore = wantBulk ? await prepareBulkLoad(s, opts.lockTimeoutMs) : null;
      await createStagingTables(s);
      const runner = await starting;
      const ctx: PassContext = { s, runner, keys, dir, incidentId, today: todayUtcDays(), progress };
      const verdict = () => decide(ctx, skipInvalid, issues);
      if (restore)
        return bulkImport(ctx, { restore, incident, decide: verdict, onRule, personIndex: opts.personIndex ?? true });
      return stagedImport(ctx, { incident, hasPeople, decide: verdict, onRule });
    });
  } catch (err) {
    if (err instanceof FatalBundleError) {
      issues.add(err.issue);
      throw new BundleRejectedError(issues.count, issues.sample, true);
    }
    throw err;
  } finally {
    await (await starting.catch(() => null))?.close();
  }
}
