import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APP_SESSION_NAME, openDatabase, rowsOf } from "@/db/client";
import { parseCsv } from "@/lib/bundle/csv";
import { type ImportOptions, importBundle, ServingDatabaseError } from "@/lib/bundle/import";
import { BundleRejectedError, formatIssue } from "@/lib/bundle/issues";
import { EMPTY_COUNTS, generatedBundle, removeTempDirs, tableCounts } from "./helpers/bundle-fixtures";
import { createTestDatabase, type TestDatabase, testDbKind } from "./helpers/test-db";

// Bulk mode's shortcuts (the person index, exposures copied straight in, duplicate rules skipped when the index
// proves there is nothing to find) must give the same answers as the general path. Runs on both databases.

let t: TestDatabase;
let good: string;
beforeAll(async () => {
  t = await createTestDatabase();
  good = await generatedBundle(400, 31);
});
afterAll(async () => {
  await t?.destroy();
  removeTempDirs();
});
beforeEach(async () => {
  await t.db.execute(sql`truncate booking_passengers, exposures, bookings, people, incidents cascade`);
});

const lines = (dir: string, file: string) => readFileSync(join(dir, file), "utf8").trimEnd().split("\n");
const countOf = (dir: string, file: string) => lines(dir, file).length - 1;

async function run(dir: string, opts: ImportOptions) {
  const issues: string[] = [];
  try {
    return {
      counts: await importBundle(t, dir, { workers: 2, ...opts, onIssue: (i) => issues.push(formatIssue(i)) }),
      issues,
    };
  } catch (error) {
    if (!(error instanceof BundleRejectedError)) throw error;
    return { counts: null, issues };
  }
}

/** A copy of the good bundle with extra rows appended to some files. */
async function withExtra(extra: Partial<Record<"people.csv" | "bookings.csv" | "exposures.csv", string[]>>) {
  const dir = await generatedBundle(400, 31);
  for (const [file, rows] of Object.entries(extra)) appendFileSync(join(dir, file), rows.map((r) => `${r}\n`).join(""));
  return dir;
}

describe("bulk mode", () => {
  for (const personIndex of [true, false]) {
    it(`imports a good bundle like the general path (person index ${personIndex ? "on" : "off"})`, async () => {
      const bulk = await run(good, { mode: "bulk", personIndex });
      const expected = {
        people: countOf(good, "people.csv"),
        passengers: countOf(good, "bookings.csv"),
        exposures: countOf(good, "exposures.csv"),
        skipped: 0,
      };
      expect(bulk.counts).toMatchObject(expected);
      const bulkTables = await tableCounts(t);
      await t.db.execute(sql`truncate booking_passengers, exposures, bookings, people, incidents cascade`);
      const staged = await run(good, { mode: "staged" });
      expect(staged.counts).toEqual(bulk.counts);
      expect(await tableCounts(t)).toEqual(bulkTables);
    });
  }

  it("still finds a duplicated person_id and rewards_id when every row is otherwise valid", async () => {
    const people = lines(good, "people.csv");
    const withRewards = people.find((l, i) => i > 0 && /,WS\d{9}$/.test(l))!;
    const rewards = withRewards.slice(withRewards.lastIndexOf(",") + 1);
    const dir = await withExtra({
      "people.csv": [
        "W00000002,Jean,Côté,1980-01-01,,,fr,CA,QC,,",
        `X00000001,Ana,Li,1980-01-01,,,en,CA,BC,,${rewards}`,
      ],
    });
    const n = people.length;
    const r = await run(dir, { mode: "bulk" });
    expect(r.counts).toBeNull();
    const rewardsLine = people.indexOf(withRewards) + 1;
    expect(r.issues).toEqual(
      [
        `people.csv:3: duplicate person_id (lines 3, ${n + 1})`,
        `people.csv:${rewardsLine}: duplicate rewards_id (lines ${rewardsLine}, ${n + 2})`,
        `people.csv:${n + 1}: duplicate person_id (lines 3, ${n + 1})`,
        `people.csv:${n + 2}: duplicate rewards_id (lines ${rewardsLine}, ${n + 2})`,
      ].sort((a, b) => Number(a.split(":")[1]) - Number(b.split(":")[1])),
    );
    expect(await tableCounts(t)).toEqual(EMPTY_COUNTS);
  });

  it("copies the exposures it can place and stages the rest (unknown people, bad rows) for the rules", async () => {
    const exposures = countOf(good, "exposures.csv");
    const dir = await withExtra({ "exposures.csv": ["Z99999999,full_name,", "W00000003,sin,"] });
    const r = await run(dir, { mode: "bulk", skipInvalid: true });
    expect(r.issues).toEqual([
      `exposures.csv:${exposures + 2}: unknown person_id`,
      `exposures.csv:${exposures + 3}: unknown category "sin"`,
    ]);
    expect(r.counts).toMatchObject({ people: 400, exposures, skipped: 2 });
    expect((await tableCounts(t)).exposures).toBe(exposures);
  });

  it("falls back to staging exposures when the copied rows repeat a category", async () => {
    const first = parseCsv(readFileSync(join(good, "exposures.csv"), "utf8"))[1]!.fields;
    const dir = await withExtra({ "exposures.csv": [`${first[0]},${first[1]},`] });
    const r = await run(dir, { mode: "bulk", skipInvalid: true });
    expect(r.issues).toEqual([
      `exposures.csv:${countOf(good, "exposures.csv") + 2}: duplicate category for this person (first on line 2)`,
    ]);
    expect(r.counts).toMatchObject({ exposures: countOf(good, "exposures.csv"), skipped: 1 });
  });

  it.runIf(testDbKind() === "postgres")("loads normally when another session holds the tables", async () => {
    const postgres = (await import("postgres")).default;
    const other = postgres(t.url!, { max: 1, onnotice: () => {} });
    try {
      const reserved = await other.reserve();
      await reserved`begin`;
      await reserved`lock table exposures in access share mode`;
      const r = await run(good, { mode: "bulk", lockTimeoutMs: 200 });
      await reserved`rollback`;
      reserved.release();
      expect(r.counts).toMatchObject({ people: 400, skipped: 0 });
    } finally {
      await other.end();
    }
  });

  it.runIf(testDbKind() === "postgres")(
    "never freezes a serving portal: bulk is refused while the app is connected, and auto loads staged",
    async () => {
      // The portal's own pool (application_name portal-app), with a live connection.
      const app = await openDatabase({ url: t.url!, max: 1, applicationName: APP_SESSION_NAME });
      try {
        await app.db.execute(sql`select 1`);
        await expect(importBundle(t, good, { mode: "bulk", workers: 0 })).rejects.toBeInstanceOf(ServingDatabaseError);
        expect(await tableCounts(t)).toEqual(EMPTY_COUNTS);
        // "auto" (bulk for a first import of a large bundle, here of any size) loads in staged mode instead, which
        // takes no exclusive lock (no step rebuilds "indexes and keys"); once the portal is gone, it goes bulk.
        const steps: string[] = [];
        const auto = {
          mode: "auto",
          bulkMinBytes: 0,
          workers: 0,
          onProgress: (p: { step: string }) => steps.push(p.step),
        };
        expect((await importBundle(t, good, auto as ImportOptions)).people).toBe(400);
        expect(steps.length).toBeGreaterThan(0);
        expect(steps.filter((step) => step.includes("indexes and keys"))).toEqual([]);
        await app.close();
        await t.db.execute(sql`truncate booking_passengers, exposures, bookings, people, incidents cascade`);
        steps.length = 0;
        expect((await importBundle(t, good, auto as ImportOptions)).people).toBe(400);
        expect(steps.some((step) => step.includes("indexes and keys"))).toBe(true);
      } finally {
        await app.close();
      }
    },
  );

  it("leaves the people of a rejected row out of the index, and their rows out of the tables", async () => {
    // A second row for W00000004 (Siobhan O'Brien) rejects both, and her booking rows and exposures with them.
    const dir = await withExtra({ "people.csv": ["W00000004,Siobhan,O'Brien,1990-01-30,,,en,CA,ON,,"] });
    const r = await run(dir, { mode: "bulk", skipInvalid: true });
    expect(r.counts?.people).toBe(399);
    expect(r.issues.filter((i) => i.startsWith("people.csv"))).toHaveLength(2);
    expect(r.issues.some((i) => /^bookings\.csv:5: person_id refers to a rejected row/.test(i))).toBe(true);
    const [row] = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from people where external_id = 'W00000004'`),
    );
    expect(row?.n).toBe(0);
  });
});
