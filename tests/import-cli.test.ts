import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BAD_BUNDLE, copyOf, DEMO_BUNDLE, removeTempDirs, tableCounts } from "./helpers/bundle-fixtures";
import { type CliResult, cliHarness } from "./helpers/cli";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// `npm run import` end to end, as a child process: exit codes, stderr reasons, one JSON line on stdout.
// On the postgres project it imports into this file's test database; on pglite into a PGlite folder.

let t: TestDatabase;
let cli: (...args: string[]) => Promise<CliResult>;
let counts: () => ReturnType<typeof tableCounts>;

beforeAll(async () => {
  t = await createTestDatabase();
  const harness = cliHarness(t, "scripts/import.ts", "import-cli-");
  cli = (...args) => harness.run(args);
  counts = () => harness.onDb((h) => tableCounts(h));
});
afterAll(async () => {
  await t?.destroy();
  removeTempDirs();
});

describe("npm run import", () => {
  it("refuses the bad bundle with exit code 1, reasons on stderr, nothing on stdout, nothing written", async () => {
    const r = await cli(BAD_BUNDLE);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("people.csv:9: person_id is empty\n");
    expect(r.stderr).toContain("exposures.csv:18: person_id is empty\n");
    expect(r.stderr).toContain("37 bad rows");
    expect(await counts()).toMatchObject({ incidents: 0, people: 0 });
  }, 120_000);

  it("imports the demo bundle and prints one JSON line last", async () => {
    const r = await cli(DEMO_BUNDLE);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines.at(-1)!)).toEqual({
      people: 300,
      bookings: 113,
      passengers: 316,
      exposures: 1492,
      skipped: 0,
    });
    expect(r.stderr).toMatch(/rows\/s/);
    const again = await cli(DEMO_BUNDLE, "--quiet");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ people: 0, bookings: 0, passengers: 0, exposures: 0, skipped: 0 });
    expect(await counts()).toMatchObject({ incidents: 1, people: 300, exposures: 1492 });
  }, 120_000);

  it("with --skip-invalid imports the good rows of the bad bundle", async () => {
    // As another incident, so the demo bundle imported above does not count.
    const dir = copyOf(BAD_BUNDLE);
    const incident = JSON.parse(readFileSync(join(dir, "incident.json"), "utf8"));
    writeFileSync(join(dir, "incident.json"), JSON.stringify({ ...incident, incident_id: "cli-skip-test" }));
    const r = await cli(dir, "--skip-invalid", "--quiet");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ people: 8, bookings: 3, passengers: 8, exposures: 12, skipped: 41 });
    expect(r.stderr).toContain("bookings.csv:21: the booking's booker row was rejected (bookings.csv:20)");
  }, 120_000);

  it("explains its usage with exit code 2", async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("usage:");
  }, 60_000);
});
