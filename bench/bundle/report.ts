import type { PageWeight } from "./measure";

// The printout: one row per page, its JavaScript beside the empty page's, and the issue's target.

export const TARGET_KB = 15;
const KB = 1024;
const kb = (n: number) => (n / KB).toFixed(1);
const signed = (n: number) => `${n >= 0 ? "+" : "−"}${kb(Math.abs(n))}`;

export type Verdict = { lines: string[]; pass: boolean };

export function weightTable(empty: PageWeight, pages: PageWeight[]): string {
  const head = [
    "page",
    "chunks",
    "raw KB",
    "gzip KB",
    "br KB",
    "gzip vs empty",
    "br vs empty",
    `≤ ${TARGET_KB} KB`,
    "br asked, got",
  ];
  const rows = [empty, ...pages].map((p) => {
    const dg = p.gzip - empty.gzip;
    const db = p.br - empty.br;
    return [
      p === empty ? `${p.path} (empty page)` : p.path,
      String(p.chunks.length),
      kb(p.raw),
      kb(p.gzip),
      kb(p.br),
      p === empty ? "" : signed(dg),
      p === empty ? "" : signed(db),
      p === empty ? "" : dg <= TARGET_KB * KB ? "yes" : "NO",
      p.brAs,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function verdict(empty: PageWeight, pages: PageWeight[]): Verdict {
  const over = pages.filter((p) => p.gzip - empty.gzip > TARGET_KB * KB);
  const worst = pages.reduce((a, b) => (b.gzip - empty.gzip > a.gzip - empty.gzip ? b : a));
  const lines = [
    `target: no customer page more than ${TARGET_KB} KB gzipped above the empty page (1 KB = 1024 bytes)`,
    `heaviest: ${worst.path}, ${signed(worst.gzip - empty.gzip)} KB gzipped: ${over.length === 0 ? "met" : `MISSED on ${over.map((p) => p.path).join(", ")}`}`,
  ];
  return { lines, pass: over.length === 0 };
}

/** The chunks a page loads that the empty page does not, heaviest first: where its weight comes from. */
export function ownChunks(empty: PageWeight, page: PageWeight): string {
  const base = new Set(empty.chunks.map((c) => c.url));
  return page.chunks
    .filter((c) => !base.has(c.url))
    .sort((a, b) => b.gzip - a.gzip)
    .map((c) => `    ${kb(c.gzip).padStart(6)} KB gzip  ${kb(c.raw).padStart(6)} KB raw  ${c.url}`)
    .join("\n");
}
