import "server-only";
import type { Database } from "@/db/client";
import { type PrepareCounts, peopleIdRange, queueInitialNotices } from "@/db/queries/notices";

// `notices -- prepare`: an initial notice for everyone who has none, by email when an address is on file, else by
// letter. Set-based SQL in chunks of people ids (each chunk one statement, committed on its own), so progress can
// be shown and a stopped run resumes where it was: re-running only adds what is missing.

export const PREPARE_CHUNK = 50_000;

export async function prepareNotices(
  db: Database,
  opts: { chunk?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<PrepareCounts> {
  const totals: PrepareCounts = { email: 0, letter: 0, already: 0 };
  const range = await peopleIdRange(db);
  if (!range) return totals;
  const chunk = opts.chunk ?? PREPARE_CHUNK;
  const span = range.max - range.min + 1;
  for (let from = range.min; from <= range.max; from += chunk) {
    const r = await queueInitialNotices(db, from, Math.min(from + chunk, range.max + 1));
    totals.email += r.email;
    totals.letter += r.letter;
    totals.already += r.already;
    opts.onProgress?.(Math.min(from + chunk, range.max + 1) - range.min, span);
  }
  return totals;
}
