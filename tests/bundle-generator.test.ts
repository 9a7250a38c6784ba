import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/bundle/csv";
import { DEMO_BUNDLE_DIR, listDemoTravellers } from "@/lib/bundle/demo";
import { generateBundle } from "@/lib/bundle/generator";
import { generatedBundle, removeTempDirs, tempDir } from "./helpers/bundle-fixtures";

afterAll(removeTempDirs);

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
const rows = (dir: string, file: string) =>
  parseCsv(read(dir, file))
    .slice(1)
    .map((r) => r.fields);

describe("the bundle generator", () => {
  it("is deterministic for a seed and prefix-stable across sizes", async () => {
    const a = await generatedBundle(400, 5);
    const b = await generatedBundle(400, 5);
    const big = await generatedBundle(900, 5);
    for (const f of ["people.csv", "bookings.csv", "exposures.csv", "incident.json"])
      expect(read(a, f)).toBe(read(b, f));
    expect(read(big, "people.csv").startsWith(read(a, "people.csv"))).toBe(true);
    const bigBookings = new Set(rows(big, "bookings.csv").map((r) => r.join(",")));
    for (const r of rows(a, "bookings.csv")) expect(bigBookings.has(r.join(","))).toBe(true);
  });

  it("writes the edge cases: accented and compound names, minors without email, repeat travellers, rewards-only members", async () => {
    const dir = await generatedBundle(2000, 3);
    const people = rows(dir, "people.csv");
    const bookings = rows(dir, "bookings.csv");
    const families = new Set(people.map((p) => p[2]));
    for (const name of ["Côté", "O'Brien", "de la Fontaine", "Nguyễn"]) expect(families.has(name)).toBe(true);
    const onBookings = new Map<string, number>();
    for (const b of bookings) onBookings.set(b[1]!, (onBookings.get(b[1]!) ?? 0) + 1);
    expect([...onBookings.values()].some((n) => n > 1)).toBe(true);
    expect(people.some((p) => !onBookings.has(p[0]!) && p[10])).toBe(true);
    const minors = people.filter((p) => Number(p[3]!.slice(0, 4)) >= 2010);
    expect(minors.length).toBeGreaterThan(10);
    expect(minors.filter((p) => p[4]).length).toBe(0);
    // Unique ids, references with exactly one booker, and a quoted field somewhere.
    expect(new Set(people.map((p) => p[0])).size).toBe(people.length);
    const rewards = people.map((p) => p[10]).filter(Boolean);
    expect(new Set(rewards).size).toBe(rewards.length);
    const bookers = new Map<string, number>();
    for (const b of bookings) bookers.set(b[0]!, (bookers.get(b[0]!) ?? 0) + (b[2] === "booker" ? 1 : 0));
    expect([...bookers.values()].every((n) => n === 1)).toBe(true);
    expect(read(dir, "people.csv")).toContain('"Apt ');
  });

  it("can leave the fixed travellers out", async () => {
    const dir = tempDir();
    await generateBundle({ people: 50, seed: 1, out: dir, edgeCases: false });
    expect(read(dir, "bookings.csv")).not.toContain("5BAPB6");
  });

  it("lists the committed demo bundle's travellers for the README", () => {
    const list = listDemoTravellers(DEMO_BUNDLE_DIR);
    expect(list[0]).toMatchObject({ bookingRef: "5BAPB6", familyName: "Côté", dateOfBirth: "1984-03-14" });
    expect(list.some((t) => t.familyName === "de la Fontaine")).toBe(true);
    expect(list.some((t) => t.bookingRef === null)).toBe(true);
  });
});
