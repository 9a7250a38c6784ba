import "server-only";
import { sectionBanner } from "@/lib/mail/html";
import type { Block, Inline, NoticeDocument } from "./document";

// The plain-text part: each language's half under the same banner as every other email of the portal
// ("——— English ———"), links written out in full, a code alone on its indented line.

const inline = (parts: Inline[]) => parts.map((x) => (typeof x === "string" ? x : x.href)).join(" ");

function block(b: Block): string {
  switch (b.t) {
    case "title":
      return `${b.text}\n${"=".repeat(Math.min(b.text.length, 72))}`;
    case "h":
      return `${b.text}\n${"-".repeat(Math.min(b.text.length, 72))}`;
    case "p":
      return inline(b.parts);
    case "list":
      return b.items.map((i) => `  - ${i}`).join("\n");
    case "code":
      return `    ${b.text}`;
  }
}

export function renderNoticeText(doc: NoticeDocument): string {
  return `${doc.sections.map((s) => [sectionBanner(s.lang), ...s.blocks.map(block)].join("\n\n")).join("\n\n\n")}\n`;
}
