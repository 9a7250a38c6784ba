import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type GenerateCounts, generateBundle } from "@/lib/bundle/generator";

// The benchmark's bundle, cached in the OS temp folder by size and seed: generating 1.2 million people takes a
// while and the result is the same every time (the generator is deterministic), so reruns reuse it. A bundle is
// generated into a private folder and renamed into place only when complete, so an interrupted run leaves no
// half-written cache behind.

export type CachedBundle = { dir: string; counts: GenerateCounts; cached: boolean; seconds: number };

export async function ensureBundle(people: number, seed: number): Promise<CachedBundle> {
  const dir = join(tmpdir(), `portal-bench-bundle-p${people}-s${seed}`);
  const marker = join(dir, "counts.json");
  if (existsSync(marker)) {
    return { dir, counts: JSON.parse(readFileSync(marker, "utf8")) as GenerateCounts, cached: true, seconds: 0 };
  }
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const started = performance.now();
  try {
    const counts = await generateBundle({ people, seed, out: partial });
    // counts.json is not a bundle file: the importer only reads incident.json and the three CSV files.
    writeFileSync(join(partial, "counts.json"), JSON.stringify(counts));
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
    return { dir, counts, cached: false, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}
