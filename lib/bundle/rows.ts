import "server-only";
import { parseRecords, type CsvRecord } from "./csv";
import { copyOptional, copyRow, copyValue } from "./copy-text";
import { CATEGORY_NUMBER, HEADERS, ROW_CHECKS, type BundleFile } from "./format";
import { bookingRefBidx, passengerLookup, protectBookingRef, protectPerson, rewardsBidx, type ProtectKeys } from "./protect";

// What a worker thread (or the main thread, for small bundles) does with one chunk of records: parse, apply
// the row rules, and turn the rows into COPY text for a staging table (pass 1, "check") or for the people
// table itself (pass 2, "write"). Reasons carry no personal data (see format.ts).

export type ChunkJob = {
  kind: "check" | "write";
  file: BundleFile;
  data: Uint8Array;
  startLine: number;
  incidentId: string;
  /** Days since the epoch, fixed once per import so both passes agree on "the future". */
  today: number;
  /** Write pass: people ids are `idBase + line` (bulk mode); null lets the database number them. */
  idBase: number | null;
  /** Write pass: sorted line numbers not to write (rejected rows, people already in the database). */
  skip: Int32Array | null;
};

export type LookupJob = { kind: "lookup"; rows: Array<[bookingId: string, personId: string, role: string, ref: string, family: string]> };

export type JobResult = { copy: Uint8Array; records: number; written: number; bad: number };

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");
const encoder = new TextEncoder();

/** Decodes a chunk; lines holding invalid UTF-8 are reported instead of silently replaced. */
function decode(data: Uint8Array, startLine: number): { text: string; badLines: Set<number> | null } {
  try {
    return { text: utf8.decode(data), badLines: null };
  } catch {
    const badLines = new Set<number>();
    let line = startLine;
    let from = 0;
    while (from < data.length) {
      let nl = data.indexOf(10, from);
      if (nl < 0) nl = data.length;
      try {
        utf8.decode(data.subarray(from, nl));
      } catch {
        badLines.add(line);
      }
      line++;
      from = nl + 1;
    }
    return { text: lenient.decode(data), badLines };
  }
}

/** The reasons a record breaks the rules, or null. */
function recordProblems(file: BundleFile, r: CsvRecord, today: number, lineSpan: number, badLines: Set<number> | null): string | null {
  const reasons: string[] = [];
  if (badLines) for (let l = r.line; l < r.line + lineSpan; l++) if (badLines.has(l)) reasons.push("not valid UTF-8");
  if (r.error) reasons.push(`malformed CSV: ${r.error}`);
  const expected = HEADERS[file].length;
  if (r.fields.length !== expected) reasons.push(`expected ${expected} fields, found ${r.fields.length}`);
  else {
    for (const f of r.fields) {
      if (f.indexOf("\u0000") >= 0) {
        reasons.push("contains a NUL character");
        break;
      }
    }
    ROW_CHECKS[file](r.fields, today, reasons);
  }
  return reasons.length ? [...new Set(reasons)].join("; ") : null;
}

/** Runs the rules on every record of a chunk and returns them with their verdicts. */
function eachRecord(job: ChunkJob, fn: (r: CsvRecord, reason: string | null) => void): number {
  const { text, badLines } = decode(job.data, job.startLine);
  let records = 0;
  let previous: CsvRecord | null = null;
  // A record's line span is only known when the next one starts, so each is handled one step late.
  const flush = (next: number) => {
    if (!previous) return;
    records++;
    fn(previous, recordProblems(job.file, previous, job.today, next - previous.line, badLines));
  };
  const end = parseRecords(text, job.startLine, (r) => {
    flush(r.line);
    previous = r;
  });
  flush(end);
  return records;
}

export function runChunkJob(job: ChunkJob, keys: ProtectKeys | undefined): JobResult {
  let out = "";
  let written = 0;
  let bad = 0;
  const emit = (row: string) => {
    out += row;
    written++;
  };
  const check = job.kind === "check";
  let skipAt = 0;
  const skipped = (line: number) => {
    const s = job.skip;
    if (!s) return false;
    while (skipAt < s.length && s[skipAt]! < line) skipAt++;
    return skipAt < s.length && s[skipAt] === line;
  };

  const records = eachRecord(job, (r, reason) => {
    if (reason) bad++;
    const f = r.fields;
    if (job.file === "people") {
      if (check) {
        if (reason) emit(copyRow([r.line, reason, f[0] || null, null, null]));
        else emit(copyRow([r.line, null, f[0]!, f[2]!, f[10] ? rewardsBidx(f[10], keys) : null]));
        return;
      }
      if (reason || skipped(r.line)) return;
      const [ext = "", given = "", family = "", dob = "", email = "", phone = "", language = "", country = "", region = "", address = "", rewards = ""] = f;
      const p = protectPerson(job.incidentId, { externalId: ext, dateOfBirth: dob, email, phone, address, rewardsId: rewards }, keys);
      const head = job.idBase === null ? "" : `${job.idBase + r.line}\t`;
      emit(
        head +
          [
            copyValue(job.incidentId),
            copyValue(ext),
            copyValue(given),
            copyValue(family),
            p.dobEnc,
            p.emailEnc ?? "\\N",
            p.emailBidx ?? "\\N",
            p.phoneEnc ?? "\\N",
            p.addressEnc ?? "\\N",
            language,
            country,
            copyOptional(region),
            p.rewardsEnc ?? "\\N",
            p.rewardsBidx ?? "\\N",
          ].join("\t") +
          "\n",
      );
      return;
    }
    if (!check) throw new Error(`no write pass for ${job.file}`);
    if (job.file === "bookings") {
      if (reason) {
        // Keep what is usable so that the set rules can still relate this row to its booking and person.
        const refOk = /^[A-Z2-9]{6}$/.test(f[0] ?? "");
        const role = f[2] === "booker" || f[2] === "companion" ? f[2] : null;
        emit(copyRow([r.line, reason, refOk ? f[0]! : null, refOk ? bookingRefBidx(f[0]!, keys) : null, null, f[1] || null, role, null, null]));
        return;
      }
      const [ref = "", ext = "", role = "", flightDate = "", route = ""] = f;
      if (role === "booker") {
        const p = protectBookingRef(job.incidentId, ref, keys);
        emit(copyRow([r.line, null, p.ref, p.refBidx, p.refEnc, ext, role, flightDate, route]));
      } else {
        emit(copyRow([r.line, null, ref, bookingRefBidx(ref, keys), null, ext, role, flightDate, route]));
      }
      return;
    }
    // exposures
    if (reason) emit(copyRow([r.line, reason, f[0] || null, CATEGORY_NUMBER.get(f[1] ?? "") ?? null, null]));
    else emit(copyRow([r.line, null, f[0]!, CATEGORY_NUMBER.get(f[1]!)!, f[2] || null]));
  });
  return { copy: encoder.encode(out), records, written, bad };
}

export function runLookupJob(job: LookupJob, keys: ProtectKeys | undefined): JobResult {
  let out = "";
  for (const [bookingId, personId, role, ref, family] of job.rows) {
    out += `${bookingId}\t${personId}\t${role}\t${passengerLookup(ref, family, keys)}\n`;
  }
  return { copy: encoder.encode(out), records: job.rows.length, written: job.rows.length, bad: 0 };
}
