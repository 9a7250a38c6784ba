import { createReadStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseCsv } from "@/lib/bundle/csv";

// Travellers to drive step one with, read out of the generated bundle: passengers spread evenly over the whole
// of bookings.csv (not just the first rows, so lookups touch the whole index), with their last name, date of
// birth and email from people.csv. Streams both files; memory depends on the sample, not the bundle.

export type BenchTraveller = {
  personId: string;
  bookingRef: string;
  lastName: string;
  givenName: string;
  dateOfBirth: string;
  email: string;
};

async function* rows(path: string): AsyncGenerator<string[]> {
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    if (!line) continue;
    yield line.includes('"') ? (parseCsv(line)[0]?.fields ?? []) : line.split(",");
  }
}

/** About `sample` passengers (first booking row of each chosen person), evenly spaced over `bookingRows` rows. */
export async function sampleTravellers(dir: string, bookingRows: number, sample: number): Promise<BenchTraveller[]> {
  const stride = Math.max(1, Math.floor(bookingRows / sample));
  const refOf = new Map<string, string>();
  let i = 0;
  for await (const [ref, personId] of rows(join(dir, "bookings.csv"))) {
    if (i++ % stride === 0 && ref && personId && !refOf.has(personId)) refOf.set(personId, ref);
  }
  const out: BenchTraveller[] = [];
  for await (const f of rows(join(dir, "people.csv"))) {
    const ref = refOf.get(f[0]!);
    if (!ref) continue;
    out.push({
      personId: f[0]!,
      bookingRef: ref,
      givenName: f[1]!,
      lastName: f[2]!,
      dateOfBirth: f[3]!,
      email: f[4] ?? "",
    });
  }
  return out;
}

/** Same-family, same-birthday passengers on one booking cannot be told apart (nobody gets a code): avoid them. */
export function pickSignInTraveller(travellers: BenchTraveller[]): BenchTraveller {
  const seen = new Map<string, number>();
  for (const t of travellers) {
    const k = `${t.bookingRef}|${t.lastName.toLowerCase()}|${t.dateOfBirth}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const ok = travellers.filter(
    (t) => t.email && seen.get(`${t.bookingRef}|${t.lastName.toLowerCase()}|${t.dateOfBirth}`) === 1,
  );
  // From the middle of the bundle rather than the fixture travellers at its start.
  const pick = ok[Math.floor(ok.length / 2)];
  if (!pick) throw new Error("no traveller with an email address in the sample");
  return pick;
}
