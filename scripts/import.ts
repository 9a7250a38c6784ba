import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { type ImportMode, importBundle } from "@/lib/bundle/import";
import { BundleRejectedError, formatIssue } from "@/lib/bundle/issues";
import { formatProgress } from "@/lib/bundle/progress";
import { removeSpoolsNow } from "@/lib/bundle/spool";

// npm run import -- <bundle-dir> [--skip-invalid] [--mode auto|bulk|staged] [--workers N] [--quiet]
//
// Loads a breach bundle into DATABASE_URL, or into the embedded PGlite database (PGLITE_DIR, default
// .data/pglite), migrating it first if needed. Bad rows go to stderr as `file:line: reason`, progress too;
// stdout gets exactly one line of JSON with the rows added:
//   {"people":…,"bookings":…,"passengers":…,"exposures":…,"skipped":…}
// Exit codes: 0 imported, 1 bundle refused (nothing written), 2 usage, 3 any other failure (nothing written).

const USAGE =
  "usage: npm run import -- <bundle-dir> [--skip-invalid] [--mode auto|bulk|staged] [--workers N] [--quiet]";

function parse() {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        "skip-invalid": { type: "boolean", default: false },
        mode: { type: "string", default: "auto" },
        workers: { type: "string" },
        quiet: { type: "boolean", default: false },
        "no-index": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    const mode = values.mode as ImportMode;
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (values.help || positionals.length !== 1 || !["auto", "bulk", "staged"].includes(mode)) return null;
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) return null;
    return {
      dir: resolve(positionals[0]!),
      skipInvalid: values["skip-invalid"],
      mode,
      workers,
      quiet: values.quiet,
      personIndex: !values["no-index"],
    };
  } catch {
    return null;
  }
}

const args = parse();
if (!args) {
  console.error(USAGE);
  process.exit(2);
}

// Interrupted (Ctrl-C, a terminal closed, a stop from the service manager): the transaction is rolled back by
// the database when the connection drops; the encrypted spool files are removed here, now.
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
] as const) {
  process.once(signal, () => {
    removeSpoolsNow();
    console.error(`import stopped by ${signal}, nothing was written`);
    process.exit(code);
  });
}

const started = performance.now();
let exitCode = 0;
const handle = await openDatabase();
try {
  await migrateDatabase(handle);
  const counts = await importBundle(handle, args.dir, {
    skipInvalid: args.skipInvalid,
    mode: args.mode,
    workers: args.workers,
    personIndex: args.personIndex,
    onIssue: (i) => console.error(formatIssue(i)),
    onProgress: args.quiet ? undefined : (p) => console.error(formatProgress(p)),
  });
  // Peak memory of this process, worker threads included (the benchmark reads this line).
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (!args.quiet)
    console.error(`imported in ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${peakMb} MB`);
  process.stdout.write(`${JSON.stringify(counts)}\n`);
} catch (err) {
  if (err instanceof BundleRejectedError) {
    console.error(err.message);
    exitCode = 1;
  } else {
    // Database and system errors name constraints or files, not the values involved.
    console.error(`import failed, nothing was written: ${err instanceof Error ? err.message : String(err)}`);
    exitCode = 3;
  }
} finally {
  await handle.close();
}
process.exit(exitCode);
