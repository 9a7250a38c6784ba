import "server-only";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { mailMessages } from "@/lib/i18n/messages/mail";

// The HTML part of every email, made from its plain text when it is sent (the queue stores the text only). It adds
// what text cannot say: each language's half carries its `lang`, so a screen reader reads French in French, and a
// value alone on its line (a code) is set large. Nothing but the text goes in: every character is escaped.

const BANNER = /^——— (.+) ———$/;

/** The line that opens a language's half of a bilingual message (recognised by renderMailHtml). */
export const sectionBanner = (l: Locale) => `——— ${mailMessages[l].section} ———`;

const localeOfBanner = (line: string): Locale | null => {
  const name = BANNER.exec(line)?.[1];
  return LOCALES.find((l) => mailMessages[l].section === name) ?? null;
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function paragraphs(lines: string[]): string {
  const blocks: string[][] = [[]];
  for (const line of lines) {
    if (line.trim() === "") blocks.push([]);
    else blocks.at(-1)!.push(line);
  }
  return blocks
    .filter((b) => b.length > 0)
    .map((b) =>
      b.length === 1 && b[0]!.startsWith("    ")
        ? `<p style="font-size:1.5em;font-weight:bold;letter-spacing:0.1em;font-family:monospace">${escapeHtml(b[0]!.trim())}</p>`
        : `<p>${b.map(escapeHtml).join("<br>")}</p>`,
    )
    .join("\n");
}

/** The message as HTML: one block per language section, with its `lang`; text outside any section as is. */
export function renderMailHtml(text: string, fallback: Locale = "en"): string {
  const sections: { lang: Locale; title: string | null; lines: string[] }[] = [
    { lang: fallback, title: null, lines: [] },
  ];
  for (const line of text.split("\n")) {
    const lang = localeOfBanner(line);
    if (lang) sections.push({ lang, title: mailMessages[lang].section, lines: [] });
    else sections.at(-1)!.lines.push(line);
  }
  const body = sections
    .filter((s) => s.title || s.lines.some((l) => l.trim()))
    .map(
      (s) =>
        `<div lang="${s.lang}">${s.title ? `<h2 style="font-size:1.1em">${escapeHtml(s.title)}</h2>\n` : ""}${paragraphs(s.lines)}</div>`,
    )
    .join('\n<hr style="margin:2em 0">\n');
  const first = sections.find((s) => s.title)?.lang ?? fallback;
  return `<!doctype html>\n<html lang="${first}"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;font-size:16px;line-height:1.5">\n${body}\n</body></html>\n`;
}
