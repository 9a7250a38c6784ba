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

function block(b: Block, lang: string): string {
  const text = (inner: string, attrs = "") => `<mj-text${attrs}><div lang="${lang}">${inner}</div></mj-text>`;
  switch (b.t) {
    case "title":
      return text(`<h1 style="font-size:22px;margin:0">${escapeHtml(b.text)}</h1>`);
    case "h":
      return text(`<h2 style="font-size:18px;margin:8px 0 0">${escapeHtml(b.text)}</h2>`);
    case "p":
      return text(`<p style="margin:0">${inline(b.parts)}</p>`);
    case "list":
      return text(`<ul style="margin:0">${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`);
    case "code":
      return text(
        `<p style="margin:0;font-family:monospace;font-size:24px;font-weight:bold;letter-spacing:2px">${escapeHtml(b.text)}</p>`,
      );
  }
}

export async function renderNoticeHtml(doc: NoticeDocument): Promise<string> {
  const first = doc.sections[0]?.lang ?? "en";
  const sections = doc.sections
    .map(
      (s, i) =>
        `${i > 0 ? '<mj-section><mj-column><mj-divider border-color="#888" border-width="1px" /></mj-column></mj-section>' : ""}<mj-section><mj-column>${text(s.lang)}${s.blocks.map((b) => block(b, s.lang)).join("")}</mj-column></mj-section>`,
    )
    .join("");
  const source = `<mjml lang="${first}"><mj-head><mj-title>${escapeHtml(doc.subject)}</mj-title><mj-attributes><mj-text font-family="Arial, Helvetica, sans-serif" font-size="16px" line-height="1.5" color="#1a1a1a" padding="6px 24px" /></mj-attributes></mj-head><mj-body background-color="#ffffff">${sections}</mj-body></mjml>`;
  const out = await mjml2html(source, { validationLevel: "strict", ignoreIncludes: true, keepComments: false });
  return out.html;
}

/** The banner naming the half's language, as in the text part. */
const text = (lang: "en" | "fr") =>
  `<mj-text font-size="14px" color="#555"><div lang="${lang}">——— ${escapeHtml(mailMessages[lang].section)} ———</div></mj-text>`;
