// A small RFC 4180 parser for text that holds whole records (a chunk cut by lib/bundle/chunker.ts, or a
// whole small file). Lines without a quote take a split(",") fast path; quoted fields may hold commas and doubled
// quotes, never a line break (docs/bundle-format.md): a record is always one line. Every record carries the line number it starts on (the header is line 1).
// A malformed record is still delimited the same way the chunker delimits it, so one bad quote costs one row.

export type CsvRecord = { line: number; fields: string[]; error: string | null };

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Calls `onRecord` for every record in `text`, numbering from `firstLine`. Blank lines are skipped (they are
 * counted, so later line numbers stay right). Returns the number of the line after the last one.
 */
export function parseRecords(text: string, firstLine: number, onRecord: (r: CsvRecord) => void): number {
  const n = text.length;
  let pos = 0;
  let line = firstLine;
  // The next quote at or after `pos`, searched again only once passed (a search per line would rescan the
  // whole rest of a quote-free chunk every time).
  let quote = -1;
  while (pos < n) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = n;
    if (quote < pos && quote !== n) {
      quote = text.indexOf('"', pos);
      if (quote < 0) quote = n;
    }
    if (quote > nl || quote === n) {
      // Fast path: no quote on this physical line.
      let end = nl;
      if (end > pos && text.charCodeAt(end - 1) === CR) end--;
      if (end > pos) onRecord({ line, fields: text.slice(pos, end).split(","), error: null });
      line++;
      pos = nl + 1;
      continue;
    }
    const r = parseQuotedRecord(text, pos, line);
    onRecord(r.record);
    line = r.nextLine;
    pos = r.next;
  }
  return line;
}

/**
 * The one record starting at `start` (not a blank line), parsed exactly as parseRecords would: for callers that
 * cut plain lines themselves and leave the rest to the parser.
 */
export function parseOneRecord(
  text: string,
  start: number,
  line: number,
): { record: CsvRecord; next: number; nextLine: number } {
  let nl = text.indexOf("\n", start);
  if (nl < 0) nl = text.length;
  const quote = text.indexOf('"', start);
  if (quote >= 0 && quote < nl) return parseQuotedRecord(text, start, line);
  let end = nl;
  if (end > start && text.charCodeAt(end - 1) === CR) end--;
  return { record: { line, fields: text.slice(start, end).split(","), error: null }, next: nl + 1, nextLine: line + 1 };
}

/** The slow path: one record that contains at least one quote, starting at `start`. */
function parseQuotedRecord(
  text: string,
  start: number,
  line: number,
): { record: CsvRecord; next: number; nextLine: number } {
  const n = text.length;
  const fields: string[] = [];
  let error: string | null = null;
  let field = "";
  let i = start;
  let lines = 0;
  let fieldStart = true;
  for (;;) {
    if (i >= n) {
      fields.push(field);
      break;
    }
    const c = text.charCodeAt(i);
    if (fieldStart && c === QUOTE) {
      // Quoted field: runs to the next quote not doubled, but never past the end of its line (no field of this
      // format holds a line break): an unclosed quote costs its own row, not every row up to the next quote.
      i++;
      let closed = false;
      let cutAtLine = false;
      while (i < n) {
        const q = text.indexOf('"', i);
        const nl = text.indexOf("\n", i);
        if (nl >= 0 && (q < 0 || nl < q)) {
          field += text.slice(i, nl > i && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl);
          i = nl + 1;
          lines = 1;
          cutAtLine = true;
          break;
        }
        if (q < 0) {
          field += text.slice(i, n);
          i = n;
          break;
        }
        field += text.slice(i, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        closed = true;
        break;
      }
      if (cutAtLine) {
        error ??= "a quoted field is not closed on its line";
        fields.push(field);
        break;
      }
      if (!closed) {
        error ??= "unterminated quoted field";
        fields.push(field);
        break;
      }
      fieldStart = false;
      const after = text.charCodeAt(i);
      if (i < n && after !== COMMA && after !== LF && !(after === CR && text.charCodeAt(i + 1) === LF)) {
        error ??= "text after a closing quote";
      }
      continue;
    }
    if (c === COMMA) {
      fields.push(field);
      field = "";
      fieldStart = true;
      i++;
      continue;
    }
    if (c === LF || (c === CR && text.charCodeAt(i + 1) === LF)) {
      fields.push(field);
      i += c === CR ? 2 : 1;
      lines++;
      break;
    }
    // An unquoted run (or text after a closing quote): up to the next comma or line end, taken as one slice.
    let j = i;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      if (d === COMMA || d === LF || (d === CR && text.charCodeAt(j + 1) === LF)) break;
      if (d === QUOTE) error ??= "stray quote in an unquoted field";
    }
    field += text.slice(i, j);
    fieldStart = false;
    i = j;
  }
  return { record: { line, fields, error }, next: i, nextLine: line + Math.max(lines, 1) };
}

/** Parses a whole small CSV text (tests, the demo lister). */
export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  parseRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 1, (r) => out.push(r));
  return out;
}

/** RFC 4180 quoting for one value (the generator writes with it). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const csvLine = (values: readonly string[]): string => `${values.map(csvField).join(",")}\n`;
