import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, watch, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ImportOptions, importBundle } from "@/lib/bundle/import";
import { BundleRejectedError, formatIssue } from "@/lib/bundle/issues";
import { Spool } from "@/lib/bundle/spool";
import {
  copyOf,
  DEMO_BUNDLE,
  EMPTY_COUNTS,
  generatedBundle,
  removeTempDirs,
  tableCounts,
  tempDir,
} from "./helpers/bundle-fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// What a fault-injection run found in the import: one stray quote dropping most of a bundle under
// --skip-invalid, a huge field reported with the wrong reason, a BOM in incident.json, a bundle naming nobody,
// control characters in emails, and spool folders left behind by a killed import. PGlite and PostgreSQL.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.destroy();
  removeTempDirs();
});
beforeEach(async () => {
  await t.db.execute(sql`truncate booking_passengers, exposures, bookings, people, incidents cascade`);
});

async function run(dir: string, opts: ImportOptions = {}) {
  const issues: string[] = [];
  try {
    const counts = await importBundle(t, dir, { workers: 0, ...opts, onIssue: (i) => issues.push(formatIssue(i)) });
    return { counts, issues, error: null };
  } catch (error) {
    if (!(error instanceof BundleRejectedError)) throw error;
    return { counts: null, issues, error };
  }
}

/** Rewrites line `line` (1-based) of `file` in bundle `dir`. */
function editLine(dir: string, file: string, line: number, edit: (text: string) => string): void {
  const lines = readFileSync(join(dir, file), "utf8").split("\n");
  lines[line - 1] = edit(lines[line - 1]!);
  writeFileSync(join(dir, file), lines.join("\n"));
}

describe("importing a damaged bundle", () => {
  it("with skipInvalid, one unclosed quote costs its own row only, reported as file:line", async () => {
    const dir = await generatedBundle(400, 3);
    const people = readFileSync(join(dir, "people.csv"), "utf8").trimEnd().split("\n").length - 1;
    // A quote opened at the start of the given name and never closed.
    editLine(dir, "people.csv", 11, (l) => l.replace(/^([^,]*),/, '$1,"'));
    const r = await run(dir, { skipInvalid: true });
    const own = r.issues.filter((i) => i.startsWith("people.csv:"));
    expect(own).toEqual([
      "people.csv:11: malformed CSV: a quoted field is not closed on its line; expected 11 fields, found 2",
    ]);
    // Everything else is in; the only other issues are rows that depended on that person.
    expect(r.counts?.people).toBe(people - 1);
    expect(r.issues.slice(1).filter((i) => !/rejected row \(people.csv:11\)|booker row was rejected/.test(i))).toEqual(
      [],
    );
  });

  it("reports a 10 MB field as too long, and the rows after it normally", async () => {
    const dir = copyOf(DEMO_BUNDLE);
    editLine(dir, "people.csv", 5, (l) => l.replace(/,88 Yonge St,/, `,${"x".repeat(10 << 20)},`));
    const r = await run(dir);
    expect(r.issues).toEqual(["people.csv:5: mailing_address is longer than 300 characters"]);
    expect(await tableCounts(t)).toEqual(EMPTY_COUNTS);
  });

  it("refuses an email with a control character (U+0085 NEXT LINE, a bidi override)", async () => {
    const dir = copyOf(DEMO_BUNDLE);
    editLine(dir, "people.csv", 2, (l) => l.replace("emilie.cote@", "emilie\u0085.cote@"));
    editLine(dir, "people.csv", 5, (l) => l.replace("siobhan.obrien@", "siobhan\u202e.obrien@"));
    const r = await run(dir);
    expect(r.issues).toEqual([
      "people.csv:2: email contains a control character",
      "people.csv:5: email contains a control character",
    ]);
  });

  it("accepts an incident.json that starts with a byte order mark", async () => {
    const dir = copyOf(DEMO_BUNDLE);
    const path = join(dir, "incident.json");
    writeFileSync(path, `\uFEFF${readFileSync(path, "utf8")}`);
    const r = await run(dir);
    expect(r.issues).toEqual([]);
    expect(r.counts?.people).toBeGreaterThan(0);
  });

  it("refuses a bundle whose people.csv has a header and no one, saying so", async () => {
    const dir = copyOf(DEMO_BUNDLE);
    const header = readFileSync(join(dir, "people.csv"), "utf8").split("\n")[0];
    writeFileSync(join(dir, "people.csv"), `${header}\n\n`);
    writeFileSync(join(dir, "bookings.csv"), "booking_ref,person_id,role,flight_date,route\n");
    writeFileSync(join(dir, "exposures.csv"), "person_id,category,detail\n");
    const r = await run(dir, { skipInvalid: true });
    expect(r.error?.fatal).toBe(true);
    expect(r.issues).toEqual([
      "people.csv: has no people after its header: a bundle must name at least one affected person",
    ]);
    expect(await tableCounts(t)).toEqual(EMPTY_COUNTS);
  });
});

describe("the import's spool folders", () => {
  const tsxArgs = ["--import", "tsx", "--conditions=react-server"];

  it("are removed at the next import when the import that made them was killed (kill -9)", async () => {
    const parent = tempDir("spool-parent-");
    // A process that has ended: its pid names nobody any more.
    const gone = spawn(process.execPath, ["-e", ""]);
    const pid = await new Promise<number>((done) => gone.on("exit", () => done(gone.pid!)));
    const stale = join(parent, "bundle-import-stale");
    mkdirSync(stale);
    writeFileSync(join(stale, "owner"), String(pid));
    writeFileSync(join(stale, "spool"), "x");
    const mine = join(parent, "bundle-import-live");
    mkdirSync(mine);
    writeFileSync(join(mine, "owner"), String(process.pid));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = parent;
    try {
      const spool = await Spool.create();
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(mine)).toBe(true);
      await spool.dispose();
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect(readdirSync(parent)).toEqual(["bundle-import-live"]);
  });

  it("are removed when the import CLI is stopped by a signal", async () => {
    const parent = tempDir("spool-signal-");
    const dir = await generatedBundle(6000, 5);
    const db = tempDir("spool-db-");
    const env = {
      ...process.env,
      APP_ENV: "test",
      TMPDIR: parent,
      DATABASE_URL: t.url ?? "",
      PGLITE_DIR: t.url ? "" : join(db, "pglite"),
    };
    const appeared = new Promise<void>((done) => {
      const w = watch(parent, () => {
        if (readdirSync(parent).some((n) => n.startsWith("bundle-import-"))) {
          w.close();
          done();
        }
      });
    });
    const child = spawn(process.execPath, [...tsxArgs, "scripts/import.ts", dir, "--mode", "bulk", "--quiet"], {
      cwd: resolve("."),
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    await appeared;
    child.kill("SIGTERM");
    expect(await exited).toBe(143);
    expect(stderr).toContain("import stopped by SIGTERM, nothing was written");
    expect(readdirSync(parent).filter((n) => n.startsWith("bundle-import-"))).toEqual([]);
  }, 180_000);
});
