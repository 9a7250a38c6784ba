import { sealExposureDetail } from "@/lib/crypto/exposure-detail";
import "server-only";
import { copyOptional, copyValue } from "./copy-text";
import { type CsvRecord, parseOneRecord, parseRecords } from "./csv";
import { type BundleFile, CATEGORY_NUMBER, checkExposureFields, HEADERS, ROW_CHECKS } from "./format";
import { type PeopleKeys, PeopleKeysWriter, PersonIndex } from "./person-index";
import { type ProtectKeys, passengerLookup, protectBookingRef, protectPerson, rewardsBidx } from "./protect";

// What a worker thread (or the main thread, for small bundles) does with one chunk of records: parse, apply
// the row rules, and turn the rows into COPY text for a staging table (pass 1, "check") or for the people
// table itself (pass 2, "write"). Reasons carry no personal data (see format.ts). This is the hot loop of a
// large import, hence the plain string building.

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
  /**
   * Bulk mode with a person index (see person-index.ts): people checks also return their keys; booking
   * checks resolve each row's person and lookup index; exposure checks of resolvable rows produce rows for
   * the exposures table itself (person id `idBase + line`) instead of staging rows.
   */
  indexed?: boolean;
};

export type LookupJob = {
  kind: "lookup";
  rows: Array<[bookingId: string, personId: string, role: string, ref: string, family: string]>;
};

export type JobResult = {
  copy: Uint8Array;
  records: number;
  written: number;
  bad: number;
  /** Indexed exposures: COPY text for the exposures table, and how many rows it holds. */
  direct?: Uint8Array;
  directRows?: number;
  /** Indexed people: the keys of the valid rows. */
  keys?: PeopleKeys;
};

// The person index this thread uses for indexed jobs (set by the importer before such jobs run).
let personIndex: PersonIndex | null = null;
export function adoptPersonIndex(sab: SharedArrayBuffer | null): void {
  personIndex = sab ? new PersonIndex(sab) : null;
}

/** Buffers a job result transfers to the main thread instead of copying. */
export function transferables(r: JobResult): ArrayBuffer[] {
  const out = [r.copy.buffer as ArrayBuffer];
  if (r.direct) out.push(r.direct.buffer as ArrayBuffer);
  if (r.keys)
    for (const a of [r.keys.hashes, r.keys.lines, r.keys.text, r.keys.idLengths, r.keys.familyLengths, r.keys.rewards])
      out.push(a.buffer as ArrayBuffer);
  return out;
}

/**
 * Collects a job's COPY text as bytes. Appending rows to one long string keeps every row's pieces alive, and the
 * young-generation GC copies them again and again until the job ends (a third of a worker's time); encoding
 * every few kilobytes leaves the GC almost nothing to move.
 */
class TextSink {
  private parts: Uint8Array[] = [];
  private pending = "";
  private bytes = 0;

  add(text: string): void {
    this.pending += text;
    if (this.pending.length > 16_384) this.flush();
  }

  private flush(): void {
    if (!this.pending) return;
    const part = encoder.encode(this.pending);
    this.parts.push(part);
    this.bytes += part.length;
    this.pending = "";
  }

  finish(): Uint8Array {
    this.flush();
    if (this.parts.length === 1) return this.parts[0]!;
    const out = new Uint8Array(this.bytes);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");
const encoder = new TextEncoder();
const NULL = "\\N";

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

// One scratch list for every record's reasons: almost every row has none, and a fresh array per row is garbage.
const reasons: string[] = [];

/** The reasons a record breaks the rules, or null. `nul`: whether the chunk holds a NUL character at all. */
function recordProblems(
  file: BundleFile,
  r: CsvRecord,
  today: number,
  lineSpan: number,
  badLines: Set<number> | null,
  nul: boolean,
): string | null {
  if (reasons.length) reasons.length = 0;
  if (badLines) for (let l = r.line; l < r.line + lineSpan; l++) if (badLines.has(l)) reasons.push("not valid UTF-8");
  if (r.error) reasons.push(`malformed CSV: ${r.error}`);
  const expected = HEADERS[file].length;
  if (r.fields.length !== expected) reasons.push(`expected ${expected} fields, found ${r.fields.length}`);
  else {
    if (nul) {
      for (const f of r.fields) {
        if (f.indexOf("\u0000") >= 0) {
          reasons.push("contains a NUL character");
          break;
        }
      }
    }
    ROW_CHECKS[file](r.fields, today, reasons);
  }
  if (reasons.length === 0) return null;
  return reasons.length === 1 ? reasons[0]! : [...new Set(reasons)].join("; ");
}

/** Calls `fn` for every record of a chunk with its verdict (a record's line span is known one step late). */
function eachCheckedRecord(
  job: ChunkJob,
  text: string,
  badLines: Set<number> | null,
  fn: (r: CsvRecord, reason: string | null) => void,
): number {
  let records = 0;
  let previous: CsvRecord | null = null;
  const nul = text.indexOf("\u0000") >= 0;
  const flush = (next: number) => {
    if (!previous) return;
    records++;
    fn(previous, recordProblems(job.file, previous, job.today, next - previous.line, badLines, nul));
  };
  const end = parseRecords(text, job.startLine, (r) => {
    flush(r.line);
    previous = r;
  });
  flush(end);
  return records;
}

const text = (v: string | undefined) => (v ? copyValue(v) : NULL);
/** A staging row's line and reason columns (built only for rows that go to staging). */
const stagedHead = (line: number, reason: string | null) => `${line}\t${reason === null ? NULL : copyValue(reason)}\t`;

/** Pass 1: every row, with its verdict, as COPY text for its staging table (see db/queries/import-stage.ts). */
function checkChunk(job: ChunkJob, keys: ProtectKeys | undefined): JobResult {
  const { text: decoded, badLines } = decode(job.data, job.startLine);
  const index = job.indexed && job.idBase !== null ? personIndex : null;
  if (job.indexed && !index && job.file !== "people") throw new Error("indexed job without a person index");
  const peopleKeys = job.indexed && job.file === "people" ? new PeopleKeysWriter() : null;
  const out = new TextSink();
  const direct = new TextSink();
  const exposure = new ExposureRows(out, direct, index, job.idBase, job.incidentId, keys);
  let bad = 0;
  let records: number;
  if (job.file === "exposures" && !badLines && decoded.indexOf("\u0000") < 0) {
    ({ records, bad } = checkExposuresFast(job, decoded, exposure));
  } else
    records = eachCheckedRecord(job, decoded, badLines, (r, reason) => {
      const f = r.fields;
      if (reason) bad++;
      if (job.file === "people") {
        // line, reason, ext, family, rewards_bidx
        if (reason) {
          out.add(`${stagedHead(r.line, reason)}${text(f[0])}\t${NULL}\t${NULL}\n`);
          return;
        }
        const rewards = f[10] ? rewardsBidx(f[10], keys) : null;
        out.add(`${stagedHead(r.line, reason)}${copyValue(f[0]!)}\t${copyValue(f[2]!)}\t${rewards ?? NULL}\n`);
        peopleKeys?.add(f[0]!, r.line, f[2]!, rewards);
      } else if (job.file === "bookings") {
        // line, reason, ref, ref_bidx, ref_enc, ext, role, flight_date, route, person_line, lookup_bidx. Rows that
        // broke a rule keep what is usable, so the bundle-wide rules can still relate them to their booking and
        // person. Only booker rows carry the reference's index and ciphertext: the booking is made from them.
        const refOk = f[0] !== undefined && /^[A-Z2-9]{6}$/.test(f[0]);
        const role = f[2] === "booker" || f[2] === "companion" ? f[2] : null;
        if (reason) {
          out.add(
            `${stagedHead(r.line, reason)}${refOk ? f[0] : NULL}\t${NULL}\t${NULL}\t${text(f[1])}\t${role ?? NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\n`,
          );
          return;
        }
        let resolved = `${NULL}\t${NULL}`;
        if (index) {
          const entry = index.find(f[1]!);
          if (entry >= 0) resolved = `${index.line(entry)}\t${passengerLookup(f[0]!, index.family(entry), keys)}`;
        }
        if (role === "booker") {
          const p = protectBookingRef(job.incidentId, f[0]!, keys);
          out.add(
            `${stagedHead(r.line, reason)}${p.ref}\t${p.refBidx}\t${p.refEnc}\t${copyValue(f[1]!)}\tbooker\t${f[3]}\t${f[4]}\t${resolved}\n`,
          );
        } else {
          out.add(
            `${stagedHead(r.line, reason)}${f[0]}\t${NULL}\t${NULL}\t${copyValue(f[1]!)}\tcompanion\t${f[3]}\t${f[4]}\t${resolved}\n`,
          );
        }
      } else {
        exposure.row(r.line, f[0], f[1], f[2], reason);
      }
    });
  const result: JobResult = { copy: out.finish(), records, written: records - exposure.directRows, bad };
  if (index && job.file === "exposures")
    Object.assign(result, { direct: direct.finish(), directRows: exposure.directRows });
  if (peopleKeys) result.keys = peopleKeys.finish();
  return result;
}

/** Where an exposures.csv row goes once checked: staging (with its reason, if any) or the exposures table. */
class ExposureRows {
  directRows = 0;
  constructor(
    private readonly out: TextSink,
    private readonly direct: TextSink,
    private readonly index: PersonIndex | null,
    private readonly idBase: number | null,
    private readonly incidentId: string,
    private readonly keys: ProtectKeys | undefined,
  ) {}

  /** The hint as stored: encrypted, bound to incident, person and category (lib/crypto/exposure-detail.ts). */
  private sealed(person: string, category: string, detail: string | undefined): string {
    return detail ? sealExposureDetail(detail, this.incidentId, person, category, this.keys?.ring) : NULL;
  }

  row(
    line: number,
    person: string | undefined,
    category: string | undefined,
    detail: string | undefined,
    reason: string | null,
  ): void {
    // line, reason, ext, code, detail; or, resolved: person_id, category, detail for the exposures table.
    const code = CATEGORY_NUMBER.get(category ?? "");
    if (reason) {
      this.out.add(`${stagedHead(line, reason)}${text(person)}\t${code ?? NULL}\t${NULL}\n`);
      return;
    }
    const entry = this.index ? this.index.find(person!) : -1;
    if (entry >= 0) {
      this.direct.add(
        `${this.idBase! + this.index!.line(entry)}\t${category}\t${this.sealed(person!, category!, detail)}\n`,
      );
      this.directRows++;
    } else {
      this.out.add(
        `${stagedHead(line, reason)}${copyValue(person!)}\t${code}\t${this.sealed(person!, category!, detail)}\n`,
      );
    }
  }
}

/**
 * exposures.csv is most of a bundle's rows, nearly all of them plain `person_id,category,detail` lines. Those are
 * cut with three indexOf calls and checked with the same rules (checkExposureFields) as the general path; any
 * other line (a quote, a carriage return, a field too many or too few) goes through the CSV parser and
 * recordProblems one record at a time, and whole chunks with invalid UTF-8 or a NUL take the general path.
 */
function checkExposuresFast(job: ChunkJob, text: string, exposure: ExposureRows): { records: number; bad: number } {
  let records = 0;
  let bad = 0;
  let line = job.startLine;
  let pos = 0;
  const n = text.length;
  let quote = -1;
  let cr = -1;
  while (pos < n) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = n;
    if (quote < pos && quote !== n) {
      quote = text.indexOf('"', pos);
      if (quote < 0) quote = n;
    }
    if (cr < pos && cr !== n) {
      cr = text.indexOf("\r", pos);
      if (cr < 0) cr = n;
    }
    if (nl === pos) {
      // A blank line: counted, not a record (as in parseRecords).
      line++;
      pos = nl + 1;
      continue;
    }
    if (quote >= nl && nl === pos + 1 && cr === pos) {
      // A line holding only a carriage return is blank too.
      line++;
      pos = nl + 1;
      continue;
    }
    const c1 = text.indexOf(",", pos);
    const c2 = c1 >= 0 && c1 < nl ? text.indexOf(",", c1 + 1) : -1;
    const c3 = c2 >= 0 && c2 < nl ? text.indexOf(",", c2 + 1) : -1;
    if (quote < nl || cr < nl || c2 < 0 || c2 >= nl || (c3 >= 0 && c3 < nl)) {
      // Not a plain three-field line: the general parser takes exactly this record.
      const one = parseOneRecord(text, pos, line);
      records++;
      const reason = recordProblems("exposures", one.record, job.today, one.nextLine - line, null, false);
      if (reason) bad++;
      const f = one.record.fields;
      exposure.row(line, f[0], f[1], f[2], reason);
      line = one.nextLine;
      pos = one.next;
      continue;
    }
    const person = text.slice(pos, c1);
    const category = text.slice(c1 + 1, c2);
    const detail = text.slice(c2 + 1, nl);
    if (reasons.length) reasons.length = 0;
    checkExposureFields(person, category, detail, reasons);
    const reason = reasons.length === 0 ? null : reasons.length === 1 ? reasons[0]! : [...new Set(reasons)].join("; ");
    if (reason) bad++;
    records++;
    exposure.row(line, person, category, detail, reason);
    line++;
    pos = nl + 1;
  }
  return { records, bad };
}

/**
 * Pass 2: people rows, encrypted, as COPY text for the people table. Rows are not checked again: the caller
 * either lists the rejected ones in `skip` or drops them later (bulk mode); a row that cannot be read at all
 * (wrong field count) is left out here as well.
 */
function writeChunk(job: ChunkJob, keys: ProtectKeys | undefined): JobResult {
  if (job.file !== "people") throw new Error(`no write pass for ${job.file}`);
  const { text: decoded } = decode(job.data, job.startLine);
  const skip = job.skip;
  let skipAt = 0;
  const out = new TextSink();
  let records = 0;
  let written = 0;
  const incident = copyValue(job.incidentId);
  const expected = HEADERS.people.length;
  parseRecords(decoded, job.startLine, (r) => {
    records++;
    if (skip) {
      while (skipAt < skip.length && skip[skipAt]! < r.line) skipAt++;
      if (skipAt < skip.length && skip[skipAt] === r.line) return;
    }
    const f = r.fields;
    if (f.length !== expected) return;
    const [ext, given, family, dob, email, phone, language, country, region, address, rewards] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const p = protectPerson(
      job.incidentId,
      { externalId: ext, dateOfBirth: dob, email, phone, address, rewardsId: rewards },
      keys,
    );
    out.add(
      (job.idBase === null ? "" : `${job.idBase + r.line}\t`) +
        `${incident}\t${copyValue(ext)}\t${copyValue(given)}\t${copyValue(family)}\t${p.personalEnc}\t${p.emailBidx ?? NULL}\t` +
        `${copyValue(language)}\t${copyValue(country)}\t${copyOptional(region)}\t${p.rewardsBidx ?? NULL}\n`,
    );
    written++;
  });
  return { copy: out.finish(), records, written, bad: 0 };
}

export function runChunkJob(job: ChunkJob, keys: ProtectKeys | undefined): JobResult {
  return job.kind === "check" ? checkChunk(job, keys) : writeChunk(job, keys);
}

export function runLookupJob(job: LookupJob, keys: ProtectKeys | undefined): JobResult {
  const out = new TextSink();
  for (const [bookingId, personId, role, ref, family] of job.rows) {
    out.add(`${bookingId}\t${personId}\t${role}\t${passengerLookup(ref, family, keys)}\n`);
  }
  return { copy: out.finish(), records: job.rows.length, written: job.rows.length, bad: 0 };
}
