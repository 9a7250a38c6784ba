// PostgreSQL COPY text format: one row per line, tab-separated, \N for NULL, and backslash escapes for the
// four characters that would break the framing. Rows are built into one string per chunk and encoded once.

const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function copyValue(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "number") return String(v);
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** Empty text becomes NULL (optional CSV fields are stored as NULL). */
export const copyOptional = (v: string): string => (v ? copyValue(v) : "\\N");
