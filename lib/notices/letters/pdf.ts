import "server-only";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { sectionBanner } from "@/lib/mail/html";
import type { Block, Inline, NoticeDocument } from "@/lib/notices/content/document";

// A letter: the same document as the email (lib/notices/content/document.ts), laid out on US Letter paper (the
// size Canada Post and US mail houses use), the recipient's address where a #10 window envelope shows it (the
// left window: 1 inch from the left edge, 2¼ inches from the top, the sheet folded in thirds) and the return
// address in the upper window. Noto Sans is embedded (subset) so every name in the bundle's scripts prints as
// written, accents and Vietnamese included: PDF's standard fonts only know Windows-1252.

const PT = 72; // points per inch
const PAGE: [number, number] = [8.5 * PT, 11 * PT];
const MARGIN = PT;
const WIDTH = PAGE[0] - 2 * MARGIN;
const FIRST_BODY_TOP = 3.75 * PT; // below the first fold, clear of both windows
const BODY_TOP = 0.75 * PT;
const BOTTOM = 0.8 * PT;
const RETURN_AT = { x: 0.5 * PT, top: 0.5 * PT, width: 3.25 * PT };
const ADDRESS_AT = { x: 1 * PT, top: 2.25 * PT, width: 3.5 * PT, lines: 5 };

export type LetterFonts = { regular: PDFFont; bold: PDFFont };

const fontDir = () => dirname(createRequire(import.meta.url).resolve("@expo-google-fonts/noto-sans/package.json"));
let fontBytes: { regular: Buffer; bold: Buffer } | undefined;

/** A batch's PDF with its fonts embedded once. */
export async function newLetterBatch(): Promise<{ pdf: PDFDocument; fonts: LetterFonts }> {
  fontBytes ??= {
    regular: readFileSync(join(fontDir(), "400Regular", "NotoSans_400Regular.ttf")),
    bold: readFileSync(join(fontDir(), "700Bold", "NotoSans_700Bold.ttf")),
  };
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setProducer("breach-response-portal");
  const fonts = {
    regular: remembered(await pdf.embedFont(fontBytes.regular, { subset: true })),
    bold: remembered(await pdf.embedFont(fontBytes.bold, { subset: true })),
  };
  return { pdf, fonts };
}

/**
 * The font with its text encoding remembered: every drawText shapes its line through fontkit (most of a letter's
 * cost), and most lines are the same in every letter of a batch. The encoded string is a plain value, and the
 * glyphs it uses were added to the subset the first time.
 */
function remembered(font: PDFFont): PDFFont {
  const encode = font.encodeText.bind(font);
  const seen = new Map<string, ReturnType<PDFFont["encodeText"]>>();
  font.encodeText = (text: string) => {
    let encoded = seen.get(text);
    if (!encoded) {
      encoded = encode(text);
      seen.set(text, encoded);
    }
    return encoded;
  };
  return font;
}

// fontkit lays out a whole string for each width asked, far too slow for wrapping thousands of letters: each
// character's advance is measured once per font and a line's width is their sum (kerning ignored; the margin is
// wide enough for the difference).
const advances = new WeakMap<PDFFont, Map<string, number>>();
function textWidth(font: PDFFont, s: string, size: number): number {
  let cache = advances.get(font);
  if (!cache) {
    cache = new Map();
    advances.set(font, cache);
  }
  let w = 0;
  for (const ch of s) {
    let a = cache.get(ch);
    if (a === undefined) {
      a = font.widthOfTextAtSize(ch, 1000);
      cache.set(ch, a);
    }
    w += a;
  }
  return (w * size) / 1000;
}

/** Words of `text` in lines no wider than `width` (a word wider than the line is cut where it must be). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  const fits = (s: string) => textWidth(font, s, size) <= width;
  for (const word of text.split(/ +/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (!fits(rest)) {
      let n = rest.length - 1;
      while (n > 1 && !fits(rest.slice(0, n))) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

const inline = (parts: Inline[]) => parts.map((x) => (typeof x === "string" ? x : x.href)).join(" ");

type Line = { text: string; font: "regular" | "bold"; size: number; indent: number; gapBefore: number };

function linesOf(b: Block, fonts: LetterFonts): Line[] {
  const make = (text: string, font: Line["font"], size: number, indent = 0, gap = 0): Line[] =>
    wrap(text, fonts[font], size, WIDTH - indent).map((t, i) => ({
      text: t,
      font,
      size,
      indent,
      gapBefore: i === 0 ? gap : 0,
    }));
  switch (b.t) {
    case "title":
      return make(b.text, "bold", 15, 0, 6);
    case "h":
      return make(b.text, "bold", 12, 0, 10);
    case "p":
      return make(inline(b.parts), "regular", 10.5, 0, 6);
    case "list":
      return b.items.flatMap((item) => make(`•  ${item}`, "regular", 10.5, 14, 2));
    case "code":
      return make(b.text, "bold", 18, 24, 8);
  }
}

export type LetterPlacement = {
  /** The recipient block: name, then the address's lines, then region and country. */
  addressLines: string[];
  returnLines: string[];
  /** A reference printed in each page's footer (the notice id: no personal data). */
  reference: string;
};

/** Adds one letter's pages to the batch; returns how many pages it took. */
export function addLetter(pdf: PDFDocument, fonts: LetterFonts, doc: NoticeDocument, at: LetterPlacement): number {
  const pages: PDFPage[] = [];
  let page = pdf.addPage(PAGE);
  pages.push(page);
  const drawBlock = (lines: string[], x: number, top: number, width: number, size: number, max: number) => {
    const wrapped = lines.flatMap((l) => wrap(l, fonts.regular, size, width)).slice(0, max);
    wrapped.forEach((l, i) => {
      page.drawText(l, { x, y: PAGE[1] - top - size - i * size * 1.25, size, font: fonts.regular });
    });
  };
  drawBlock(at.returnLines, RETURN_AT.x, RETURN_AT.top, RETURN_AT.width, 8.5, 4);
  drawBlock(at.addressLines, ADDRESS_AT.x, ADDRESS_AT.top, ADDRESS_AT.width, 10.5, ADDRESS_AT.lines);

  let y = PAGE[1] - FIRST_BODY_TOP;
  const all: Line[] = doc.sections.flatMap((s, i) => [
    ...(i > 0 ? [{ text: "", font: "regular" as const, size: 10.5, indent: 0, gapBefore: 14 }] : []),
    ...linesOf({ t: "p", parts: [sectionBanner(s.lang)] }, fonts).map((l) => ({ ...l, gapBefore: 10 })),
    ...s.blocks.flatMap((b) => linesOf(b, fonts)),
  ]);
  for (const line of all) {
    const height = line.size * 1.3 + line.gapBefore;
    if (y - height < BOTTOM) {
      page = pdf.addPage(PAGE);
      pages.push(page);
      y = PAGE[1] - BODY_TOP;
    }
    y -= height;
    if (line.text) page.drawText(line.text, { x: MARGIN + line.indent, y, size: line.size, font: fonts[line.font] });
  }
  pages.forEach((p, i) => {
    p.drawText(`${at.reference}  ·  ${i + 1}/${pages.length}`, {
      x: MARGIN,
      y: BOTTOM / 2,
      size: 7.5,
      font: fonts.regular,
      color: rgb(0.4, 0.4, 0.4),
    });
  });
  return pages.length;
}
