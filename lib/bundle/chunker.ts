import { open } from "node:fs/promises";

// Cuts a CSV file into chunks of whole records without decoding it. A record is one line (no field of this
// format holds a line break, docs/bundle-format.md), so a line end inside an unclosed quoted field ends the record
// too; otherwise only quotes matter (RFC 4180: a quote opens a field only at its start, "" inside a quoted field
// is a quote), and quotes are rare, so the scan jumps from quote to quote with indexOf; newlines are only counted, natively. Chunks go to
// worker threads, which parse them with lib/bundle/csv.ts; the two agree on record boundaries. Memory stays at
// about two chunks whatever the file size.

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

function countLines(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  let i = b.indexOf(LF, from);
  while (i >= 0 && i < to) {
    n++;
    i = b.indexOf(LF, i + 1);
  }
  return n;
}

/**
 * Yields the header record (line 1, without a UTF-8 byte order mark) and then chunks of about `chunkBytes`.
 * A file with no data rows yields only the header; an empty file yields an empty header.
 */
export async function* chunkFile(path: string, chunkBytes = CHUNK_BYTES): AsyncGenerator<Chunk> {
  // One buffer, refilled in place: bytes not yet yielded move to its start before each read.
  let buf = new Uint8Array(chunkBytes * 2);
  let len = 0; // bytes held
  let emitted = 0; // first byte not yet yielded (always a record start)
  let emittedLine = 1;
  let scan = 0; // everything before this is classified
  let recordStart = 0; // the last record start found (one past a newline outside quotes)
  let inQuoted = false; // state at `scan`
  let openedAt = -1; // while inQuoted: the start of the record holding the open quoted field
  let headerDone = false;
  let first = true;
  let eof = false;

  const take = (end: number): Chunk => {
    const endLine = emittedLine + countLines(buf, emitted, end);
    const chunk = { data: buf.slice(emitted, end), startLine: emittedLine, endLine };
    emitted = end;
    emittedLine = endLine;
    return chunk;
  };

  const file = await open(path, "r");
  try {
    while (!eof) {
      // Make room: drop what was yielded, grow only for a record longer than the buffer.
      if (emitted > 0) {
        buf.copyWithin(0, emitted, len);
        len -= emitted;
        scan -= emitted;
        recordStart -= emitted;
        if (openedAt >= 0) openedAt -= emitted;
        emitted = 0;
      }
      if (buf.length - len < chunkBytes) {
        const grown = new Uint8Array(buf.length * 2);
        grown.set(buf.subarray(0, len));
        buf = grown;
      }
      const { bytesRead } = await file.read(buf, len, buf.length - len, null);
      if (bytesRead === 0) {
        eof = true;
        break;
      }
      if (first) {
        first = false;
        if (buf[len] === 0xef && buf[len + 1] === 0xbb && buf[len + 2] === 0xbf) {
          buf.copyWithin(len, len + 3, len + bytesRead);
          len -= 3;
        }
      }
      len += bytesRead;

      if (!headerDone) {
        // The header is the first line, whatever it holds.
        const nl = buf.subarray(0, len).indexOf(LF);
        if (nl < 0) continue;
        headerDone = true;
        scan = recordStart = nl + 1;
        yield take(nl + 1);
      }

      const n = len;
      let i = scan;
      while (i < n) {
        if (inQuoted) {
          const q = indexIn(buf, QUOTE, i, n);
          const nl = indexIn(buf, LF, i, n);
          if (nl >= 0 && (q < 0 || nl < q)) {
            // No field holds a line break: an unclosed quote ends with its line (the parser reports that row).
            inQuoted = false;
            openedAt = -1;
            i = recordStart = nl + 1;
            continue;
          }
          if (q < 0 || q === n - 1) {
            // The closing quote (or whether it is doubled) is not here yet.
            i = q < 0 ? n : q;
            break;
          }
          if (buf[q + 1] === QUOTE) {
            i = q + 2;
            continue;
          }
          inQuoted = false;
          openedAt = -1;
          i = q + 1;
          continue;
        }
        const q = indexIn(buf, QUOTE, i, n);
        const end = q < 0 ? n : q;
        // Newlines between here and the next quote are all outside quotes: record ends.
        const nl = buf.lastIndexOf(LF, end - 1);
        if (nl >= i) recordStart = nl + 1;
        if (q < 0) {
          i = n;
          break;
        }
        if (q === recordStart || buf[q - 1] === COMMA) {
          inQuoted = true;
          openedAt = recordStart;
        }
        i = q + 1;
      }
      scan = i;
      const safeEnd = inQuoted ? openedAt : recordStart;
      if (safeEnd - emitted >= chunkBytes) yield take(safeEnd);
    }
  } finally {
    await file.close();
  }
  // End of file: whatever is left is the last record(s), possibly without a final newline.
  if (!headerDone) {
    yield take(len);
    return;
  }
  if (len > emitted) yield take(len);
}

/** indexOf limited to [from, to) (the buffer holds stale bytes after `to`). */
function indexIn(b: Uint8Array, byte: number, from: number, to: number): number {
  const i = b.indexOf(byte, from);
  return i >= 0 && i < to ? i : -1;
}
