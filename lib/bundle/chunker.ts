import { createReadStream } from "node:fs";

// Cuts a CSV file into chunks of whole records without decoding it: a byte scan that only tracks whether a
// newline is inside a quoted field (RFC 4180: a quote opens a field only at its start; "" inside is a quote).
// Chunks go to worker threads, which parse them with lib/bundle/csv.ts; the two agree on record boundaries.
// Memory stays at about two chunks whatever the file size.

export type Chunk = {
  /** Whole records, a fresh copy (transferable to a worker). */
  data: Uint8Array;
  /** The line number of the first byte (the header is line 1). */
  startLine: number;
  /** One past the last line the chunk covers. */
  endLine: number;
};

const LF = 10;
const QUOTE = 34;
const COMMA = 44;

export const CHUNK_BYTES = 1 << 20;
// A quoted field longer than this is taken as an unterminated quote: the record is cut at its first line end,
// reported as malformed by the parser, and scanning resumes on the next line.
const MAX_QUOTED_BYTES = 4 << 20;

/**
 * Yields the header record (line 1, without a UTF-8 byte order mark) and then chunks of about `chunkBytes`.
 * A file with no data rows yields only the header; an empty file yields an empty header.
 */
export async function* chunkFile(path: string, chunkBytes = CHUNK_BYTES): AsyncGenerator<Chunk> {
  let buf: Buffer = Buffer.alloc(0);
  let scan = 0; // next byte to scan
  let scanLine = 1; // line number at `scan`
  let emitted = 0; // first byte not yet yielded
  let emittedLine = 1;
  let boundary = 0; // one past the last record end found
  let boundaryLine = 1;
  let inQuoted = false;
  let afterClose = false;
  let fieldStart = true;
  let quotedSince = -1; // where the current record started, while inside a quoted field
  let quotedLine = 1;
  let headerDone = false;
  let first = true;

  const take = (end: number, endLine: number): Chunk => {
    const chunk = { data: new Uint8Array(buf.subarray(emitted, end)), startLine: emittedLine, endLine };
    emitted = end;
    emittedLine = endLine;
    return chunk;
  };

  for await (const piece of createReadStream(path, { highWaterMark: chunkBytes })) {
    let incoming = piece as Buffer;
    if (first) {
      first = false;
      if (incoming[0] === 0xef && incoming[1] === 0xbb && incoming[2] === 0xbf) incoming = incoming.subarray(3);
    }
    // Keep only what is not yet yielded, then append.
    buf = emitted === buf.length ? incoming : Buffer.concat([buf.subarray(emitted), incoming]);
    scan -= emitted;
    boundary -= emitted;
    if (quotedSince >= 0) quotedSince -= emitted;
    emitted = 0;

    const b = buf;
    const n = b.length;
    let i = scan;
    while (i < n) {
      const c = b[i]!;
      if (inQuoted) {
        if (c === QUOTE) {
          inQuoted = false;
          afterClose = true;
        } else if (c === LF) {
          scanLine++;
        }
        i++;
        if (inQuoted && i - quotedSince > MAX_QUOTED_BYTES) {
          // Unterminated quote: end the record at its first line end and rescan from there.
          const cut = b.indexOf(LF, quotedSince);
          i = cut + 1;
          scanLine = quotedLine + 1;
          boundary = i;
          boundaryLine = scanLine;
          inQuoted = false;
          afterClose = false;
          fieldStart = true;
          quotedSince = -1;
        }
        continue;
      }
      if (afterClose) {
        afterClose = false;
        if (c === QUOTE) {
          inQuoted = true;
          i++;
          continue;
        }
      }
      if (c === LF) {
        scanLine++;
        boundary = i + 1;
        boundaryLine = scanLine;
        fieldStart = true;
        quotedSince = -1;
        if (!headerDone) {
          headerDone = true;
          yield take(boundary, boundaryLine);
        }
      } else if (c === QUOTE && fieldStart) {
        inQuoted = true;
        fieldStart = false;
        if (quotedSince < 0) {
          quotedSince = boundary;
          quotedLine = boundaryLine;
        }
      } else {
        fieldStart = c === COMMA;
      }
      i++;
    }
    scan = i;
    if (headerDone && boundary - emitted >= chunkBytes) yield take(boundary, boundaryLine);
  }
  // End of file: whatever is left is the last record(s), possibly without a final newline.
  if (!headerDone) {
    yield take(buf.length, scanLine + (buf.length > emitted ? 1 : 0));
    return;
  }
  if (boundary > emitted) yield take(boundary, boundaryLine);
  if (buf.length > emitted) yield take(buf.length, scanLine + 1);
}
