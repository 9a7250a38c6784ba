import "server-only";
import mjml2html from "mjml";
import { mailMessages } from "@/lib/i18n/messages/mail";
import type { Block, Inline, NoticeDocument } from "./document";

// The HTML part, through MJML (responsive, tested against the mail clients people use) rather than hand-built
// markup. Every value is escaped: the document holds text only, and a link's visible text is its own address, so
// what the reader sees is where it goes. Each language's half carries its `lang` for screen readers.
// MJML rather than react-email: the sender runs under Node's react-server condition (npm scripts use
// `tsx --conditions=react-server`), where react-dom/server refuses to load.

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const inline = (parts: Inline[]) =>
  parts
    .map((x) =>
      typeof x === "string"
        ? escapeHtml(x)
        : `<a href="${escapeHtml(x.href)}" style="color:#0b57d0">${escapeHtml(x.href)}</a>`,
    )
    .join(" ");

/** A block's HTML inside its mj-text: what MJML keeps as is. */
function inner(b: Block): string {
  switch (b.t) {
    case "title":
      return `<h1 style="font-size:22px;margin:0">${escapeHtml(b.text)}</h1>`;
    case "h":
      return `<h2 style="font-size:18px;margin:8px 0 0">${escapeHtml(b.text)}</h2>`;
    case "p":
      return `<p style="margin:0">${inline(b.parts)}</p>`;
    case "list":
      return `<ul style="margin:0">${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
    case "code":
      return `<p style="margin:0;font-family:monospace;font-size:24px;font-weight:bold;letter-spacing:2px">${escapeHtml(b.text)}</p>`;
  }
}

/** The MJML source, each value (block HTML, the title) given by `value(i)`. */
function source(doc: NoticeDocument, value: (i: number) => string): string {
  let n = 0;
  const title = value(n++);
  const sections = doc.sections
    .map(
      (s, i) =>
        `${i > 0 ? '<mj-section><mj-column><mj-divider border-color="#888" border-width="1px" /></mj-column></mj-section>' : ""}<mj-section><mj-column>${banner(s.lang)}${s.blocks.map(() => `<mj-text><div lang="${s.lang}">${value(n++)}</div></mj-text>`).join("")}</mj-column></mj-section>`,
    )
    .join("");
  const first = doc.sections[0]?.lang ?? "en";
  return `<mjml lang="${first}"><mj-head><mj-title>${title}</mj-title><mj-attributes><mj-text font-family="Arial, Helvetica, sans-serif" font-size="16px" line-height="1.5" color="#1a1a1a" padding="6px 24px" /></mj-attributes></mj-head><mj-body background-color="#ffffff">${sections}</mj-body></mjml>`;
}

const compile = async (mjml: string) =>
  (await mjml2html(mjml, { validationLevel: "strict", ignoreIncludes: true, keepComments: false })).html;

// MJML takes ~70 ms a message, far too slow for a million notices. Its output depends only on the document's
// shape (languages and block kinds), which few notices differ in: each shape is compiled once with numbered
// placeholders where the values go, and a message is that HTML with its escaped values put in.
const PLACEHOLDER = /NOTICEVALUE(\d+)X/g;
const shapes = new Map<string, Promise<string>>();
const MAX_SHAPES = 1000;

export async function renderNoticeHtml(doc: NoticeDocument): Promise<string> {
  const values = [escapeHtml(doc.subject), ...doc.sections.flatMap((s) => s.blocks.map(inner))];
  const key = doc.sections.map((s) => `${s.lang}:${s.blocks.map((b) => b.t).join(",")}`).join("|");
  let shape = shapes.get(key);
  if (!shape) {
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shape = compile(source(doc, (i) => `NOTICEVALUE${i}X`));
    shapes.set(key, shape);
    shape.catch(() => shapes.delete(key));
  }
  return (await shape).replace(PLACEHOLDER, (_, i: string) => values[Number(i)] ?? "");
}

/** The same without the shape cache (tests compare the two). */
export const renderNoticeHtmlDirect = async (doc: NoticeDocument): Promise<string> => {
  const values = [escapeHtml(doc.subject), ...doc.sections.flatMap((s) => s.blocks.map(inner))];
  return compile(source(doc, (i) => values[i]!));
};

/** The banner naming the half's language, as in the text part. */
const banner = (lang: "en" | "fr") =>
  `<mj-text font-size="14px" color="#555"><div lang="${lang}">——— ${escapeHtml(mailMessages[lang].section)} ———</div></mj-text>`;
