import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { type DatabaseHandle, rowsOf } from "@/db/client";
import { generateBundle } from "@/lib/bundle/generator";

// Bundles for import tests: the committed demo and bad bundles, and bundles made by our own generator in a
// temporary folder (tests never depend on ../shared).

export const DEMO_BUNDLE = resolve("demo/bundle");
export const BAD_BUNDLE = resolve("demo/bad-bundle");

const made: string[] = [];

export function tempDir(prefix = "bundle-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function generatedBundle(people: number, seed = 11): Promise<string> {
  const dir = tempDir();
  await generateBundle({ people, seed, out: dir });
  return dir;
}

/** A copy of a bundle to alter. */
export function copyOf(bundle: string): string {
  const dir = tempDir();
  cpSync(bundle, dir, { recursive: true });
  return dir;
}

export type TableCounts = {
  incidents: number;
  people: number;
  bookings: number;
  booking_passengers: number;
  exposures: number;
};

export async function tableCounts(h: DatabaseHandle): Promise<TableCounts> {
  const [row] = rowsOf<Record<keyof TableCounts, number | string>>(
    await h.db.execute(sql`select
      (select count(*) from incidents) as incidents,
      (select count(*) from people) as people,
      (select count(*) from bookings) as bookings,
      (select count(*) from booking_passengers) as booking_passengers,
      (select count(*) from exposures) as exposures`),
  );
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)])) as TableCounts;
}

export const EMPTY_COUNTS: TableCounts = { incidents: 0, people: 0, bookings: 0, booking_passengers: 0, exposures: 0 };
