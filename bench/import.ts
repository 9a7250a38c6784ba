import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { generateBundle } from "@/lib/bundle/generator";

// npm run bench:import [-- --people 1200000 --seed 1 --bundle DIR --runs 1 --keep]
//
// Our import against the floor: `psql \copy` of the same three CSV files into bare tables with the equivalent
// indexes. Both run on scratch databases at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
// each after a CHECKPOINT, and both are timed as whole commands (process start to exit); with --runs N each is
// run N times on fresh databases, alternately, and the best times are compared (the machine may be shared); the
// median of the run-by-run ratios is printed beside it.
// The target is a ratio of at most 2. Scratch databases and the generated bundle are removed at the end
// (unless --keep).

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "1200000" },
    seed: { type: "string", default: "1" },
    bundle: { type: "string" },
    runs: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
  },
});
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const people = Number(values.people);
const log = (msg: string) => console.error(`[bench] ${msg}`);

// The bare tables: the CSV columns as text, with a unique or btree index wherever the portal's schema has one
// on the equivalent column (people: person_id, rewards_id, email; booking rows: booking + person, person,
// booking; exposures: person + category).
const BARE_SCHEMA = `
  CREATE TABLE people (person_id text NOT NULL, given_name text, family_name text, date_of_birth text, email text,
    phone text, language text, country text, region text, mailing_address text, rewards_id text);
  CREATE UNIQUE INDEX ON people (person_id);
  CREATE UNIQUE INDEX ON people (rewards_id);
  CREATE INDEX ON people (email);
  CREATE TABLE bookings (booking_ref text NOT NULL, person_id text NOT NULL, role text, flight_date text, route text,
    PRIMARY KEY (booking_ref, person_id));
  CREATE INDEX ON bookings (person_id);
  CREATE INDEX ON bookings (booking_ref);
  CREATE TABLE exposures (person_id text NOT NULL, category text NOT NULL, detail text, PRIMARY KEY (person_id, category));`;

function urlFor(db: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  return u.toString();
}

function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ seconds: number; stderr: string; stdout: string }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) done({ seconds, stderr, stdout });
      else fail(new Error(`${cmd} exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const tag = randomBytes(4).toString("hex");
const work = mkdtempSync(join(tmpdir(), "bench-import-"));
const bundle = values.bundle ? resolve(values.bundle) : join(work, "bundle");
const scratch: string[] = [];

async function freshDb(prefix: string): Promise<string> {
  const name = `${prefix}_${tag}_${scratch.length}`;
  scratch.push(name);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  return name;
}

/** The floor: psql \copy into bare tables. */
async function timeCopy(): Promise<number> {
  const db = await freshDb("bench_copy");
  const bare = postgres(urlFor(db), { max: 1, onnotice: () => {} });
  await bare.unsafe(BARE_SCHEMA);
  await bare.unsafe("CHECKPOINT");
  await bare.end();
  const copy = await run("psql", [
    "-v",
    "ON_ERROR_STOP=1",
    "-q",
    urlFor(db),
    "-c",
    `\\copy people FROM '${join(bundle, "people.csv")}' WITH (FORMAT csv, HEADER true)`,
    "-c",
    `\\copy bookings FROM '${join(bundle, "bookings.csv")}' WITH (FORMAT csv, HEADER true)`,
    "-c",
    `\\copy exposures FROM '${join(bundle, "exposures.csv")}' WITH (FORMAT csv, HEADER true)`,
  ]);
  log(`psql \\copy: ${copy.seconds.toFixed(1)} s`);
  await admin.unsafe(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  return copy.seconds;
}

/** Ours: `npm run import` (the CLI) into a migrated database. */
async function timeImport(): Promise<{ seconds: number; peakMb: number | null }> {
  const db = await freshDb("bench_import");
  const handle = await openDatabase({ url: urlFor(db) });
  await migrateDatabase(handle);
  await handle.close();
  await admin.unsafe("CHECKPOINT");
  const ours = await run(resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/import.ts", bundle], {
    ...process.env,
    DATABASE_URL: urlFor(db),
    DEV_SECRETS_DIR: work,
    ENCRYPTION_KEYS: "",
    BLIND_INDEX_KEY: "",
  });
  const peak = /peak RSS (\d+) MB/.exec(ours.stderr)?.[1];
  log(`import: ${ours.seconds.toFixed(1)} s, ${ours.stdout.trim()}`);
  for (const line of ours.stderr
    .trim()
    .split("\n")
    .filter((l) => / in \d/.test(l)))
    log(`  ${line}`);
  await admin.unsafe(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  return { seconds: ours.seconds, peakMb: peak ? Number(peak) : null };
}

try {
  if (!values.bundle) {
    log(`generating ${people.toLocaleString("en-CA")} people (seed ${values.seed}) into ${bundle}`);
    const counts = await generateBundle({ people, seed: Number(values.seed), out: bundle });
    log(`bundle: ${JSON.stringify(counts)}`);
  }
  const copyTimes: number[] = [];
  const importTimes: number[] = [];
  let peakMb: number | null = null;
  for (let i = 0; i < Math.max(1, Number(values.runs)); i++) {
    log(`run ${i + 1}: psql \\copy …`);
    copyTimes.push(await timeCopy());
    log(`run ${i + 1}: npm run import …`);
    const r = await timeImport();
    importTimes.push(r.seconds);
    peakMb = Math.max(peakMb ?? 0, r.peakMb ?? 0) || null;
  }
  const copySeconds = Math.min(...copyTimes);
  const importSeconds = Math.min(...importTimes);
  const ratio = importSeconds / copySeconds;
  // The median of the run-by-run ratios too: on a shared machine the best-of ratio flatters whichever side varies more.
  const ratios = importTimes.map((t, i) => t / copyTimes[i]!).sort((a, b) => a - b);
  const mid = ratios.length >> 1;
  const medianRatio = ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
  console.log(
    JSON.stringify({
      people,
      psqlCopySeconds: Number(copySeconds.toFixed(1)),
      importSeconds: Number(importSeconds.toFixed(1)),
      ratio: Number(ratio.toFixed(2)),
      medianRunRatio: Number(medianRatio.toFixed(2)),
      importPeakRssMb: peakMb,
      runs: copyTimes.length,
      target: "ratio <= 2",
    }),
  );
  process.exitCode = ratio <= 2 ? 0 : 1;
} finally {
  for (const db of scratch) await admin.unsafe(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => {});
  await admin.end();
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  else log(`kept ${work}`);
}
