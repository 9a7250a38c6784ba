import "server-only";
import { join } from "node:path";
import { peopleSkipLines } from "@/db/queries/import-stage";
import {
  closePassengerCursor,
  fetchPassengers,
  openPassengerCursor,
  PASSENGER_COPY_COLUMNS,
  type PassengerRow,
  PEOPLE_COPY_COLUMNS,
} from "@/db/queries/import-write";
import type { PassContext } from "./check-pass";
import { feedFile } from "./feed";
import { FILE_NAMES } from "./format";
import { runLookupJob } from "./rows";
import type { Spool } from "./spool";

// Pass 2 helpers: encrypting and copying people rows, and adding passengers with their lookup index.

/** Lines of people.csv not to write, one bit per line (150 KB for 1.2 million people). */
export class LineSet {
  private bits = new Uint8Array(0);
  size = 0;

  add(line: number): void {
    const byte = line >>> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[byte]! |= 1 << (line & 7);
    this.size++;
  }

  has(line: number): boolean {
    const byte = line >>> 3;
    return byte < this.bits.length && (this.bits[byte]! & (1 << (line & 7))) !== 0;
  }

  /** The members in [from, to), for a chunk job. */
  slice(from: number, to: number): Int32Array | null {
    if (this.size === 0) return null;
    const out: number[] = [];
    for (let l = from; l < to; l++) if (this.has(l)) out.push(l);
    return out.length ? Int32Array.from(out) : null;
  }
}

export async function loadPeopleSkips(ctx: PassContext): Promise<LineSet> {
  const skip = new LineSet();
  for await (const page of peopleSkipLines(ctx.s)) for (const line of page) skip.add(line);
  return skip;
}

const peopleColumns = (bulk: boolean) => (bulk ? ["id", ...PEOPLE_COPY_COLUMNS] : [...PEOPLE_COPY_COLUMNS]);

function peopleWriteFeed(ctx: PassContext, idBase: number | null, skip: LineSet | null, priority: number) {
  return feedFile(join(ctx.dir, FILE_NAMES.people), {
    runner: ctx.runner,
    priority,
    onHeader: () => {},
    job: (chunk) => ({
      kind: "write",
      file: "people",
      data: chunk.data,
      startLine: chunk.startLine,
      incidentId: ctx.incidentId,
      today: ctx.today,
      idBase,
      skip: skip ? skip.slice(chunk.startLine, chunk.endLine) : null,
    }),
  });
}

/** Encrypts people rows and copies them straight into people (the database numbers them). Returns the count. */
export async function copyPeople(ctx: PassContext, skip: LineSet): Promise<number> {
  let written = 0;
  const progress = ctx.progress;
  const feed = peopleWriteFeed(ctx, null, skip, 0);
  await ctx.s.copyStream(
    "people",
    peopleColumns(false),
    (async function* () {
      for await (const o of feed) {
        written += o.written;
        progress.add("write", "people.csv", o.written);
        yield o.copy;
      }
    })(),
  );
  progress.done("write", "people.csv");
  return written;
}

/**
 * Bulk mode: encrypts every valid-looking people row into the spool while the connection does other work.
 * Rows are numbered `idBase + line`; `drainSpool` later drops any the checks rejected. Stops early when
 * `cancelled()` says so. Returns the number of rows spooled.
 */
export async function spoolPeople(
  ctx: PassContext,
  spool: Spool,
  idBase: number,
  cancelled: () => boolean,
): Promise<number> {
  let written = 0;
  try {
    for await (const o of peopleWriteFeed(ctx, idBase, null, 1)) {
      if (cancelled()) break;
      written += o.written;
      ctx.progress.add("write", "people.csv (encrypt)", o.written);
      await spool.append(o.copy);
    }
    await spool.end();
  } catch (err) {
    spool.fail(err as Error);
    throw err;
  }
  ctx.progress.done("write", "people.csv (encrypt)");
  return written;
}

/** Drops spooled rows whose line is in `skip` (each row starts with its id, `idBase + line`). */
function withoutSkipped(
  piece: Uint8Array,
  skip: LineSet,
  idBase: number,
): { bytes: Uint8Array; kept: number; dropped: number } {
  const text = new TextDecoder().decode(piece);
  let out = "";
  let kept = 0;
  let dropped = 0;
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length - 1;
    const tab = text.indexOf("\t", pos);
    const line = Number(text.slice(pos, tab)) - idBase;
    if (skip.has(line)) dropped++;
    else {
      out += text.slice(pos, nl + 1);
      kept++;
    }
    pos = nl + 1;
  }
  return { bytes: new TextEncoder().encode(out), kept, dropped };
}

/** Copies the spooled people rows into people as they become available, leaving out skipped lines. */
export async function drainSpool(ctx: PassContext, spool: Spool, idBase: number, skip: LineSet): Promise<number> {
  let copied = 0;
  const progress = ctx.progress;
  // The spool is read back in fixed-size blocks: carry a partial last row over to the next block.
  let carry = new Uint8Array(0);
  await ctx.s.copyStream(
    "people",
    peopleColumns(true),
    (async function* () {
      for await (const block of spool.read()) {
        const joined = carry.length ? concat(carry, block) : block;
        const end = joined.lastIndexOf(10) + 1;
        carry = joined.slice(end);
        const whole = joined.subarray(0, end);
        if (whole.length === 0) continue;
        if (skip.size === 0) {
          const n = countRows(whole);
          copied += n;
          progress.add("write", "people.csv (copy)", n);
          yield whole;
        } else {
          const r = withoutSkipped(whole, skip, idBase);
          copied += r.kept;
          progress.add("write", "people.csv (copy)", r.kept);
          yield r.bytes;
        }
      }
      if (carry.length) throw new Error("people spool ended in the middle of a row");
    })(),
  );
  progress.done("write", "people.csv (copy)");
  return copied;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function countRows(bytes: Uint8Array): number {
  let n = 0;
  let i = bytes.indexOf(10);
  while (i >= 0) {
    n++;
    i = bytes.indexOf(10, i + 1);
  }
  return n;
}

/**
 * Adds the passengers still missing: a cursor yields booking id, person id, role, reference and family name;
 * the lookup index is computed here on the main thread (worker threads are busy encrypting in bulk mode) while
 * the database fetches the next page; each page is copied into booking_passengers.
 */
export async function addPassengers(ctx: PassContext, idBase: number | null, page = 50_000): Promise<number> {
  await openPassengerCursor(ctx.s, ctx.incidentId, idBase);
  let added = 0;
  try {
    let next: Promise<PassengerRow[]> | null = fetchPassengers(ctx.s, page);
    while (next) {
      const rows: PassengerRow[] = await next;
      // Queue the next page before computing this one, so the database works meanwhile.
      next = rows.length === page ? fetchPassengers(ctx.s, page) : null;
      if (!rows.length) break;
      const job = {
        kind: "lookup" as const,
        rows: rows.map(
          (r) => [r.booking_id, r.person_id, r.role, r.ref, r.family] as [string, string, string, string, string],
        ),
      };
      const result = runLookupJob(job, ctx.keys);
      await ctx.s.copyIn("booking_passengers", PASSENGER_COPY_COLUMNS, [result.copy]);
      added += result.written;
      ctx.progress.add("write", "passengers", result.written);
    }
  } finally {
    await closePassengerCursor(ctx.s);
  }
  ctx.progress.done("write", "passengers");
  return added;
}
