import "server-only";
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { getIncident, type IncidentRow } from "@/db/queries/incident";
import {
  countDueLetters,
  listDueLetterRows,
  markLettersPrinted,
  markLettersUndeliverable,
  upsertNoticeCodes,
} from "@/db/queries/notices-content";
import { openPersonal } from "@/lib/crypto/personal-details";
import { buildNotice } from "@/lib/notices/content/document";
import { noticeInputOf } from "@/lib/notices/content/input";
import { newNoticeCode, noticeCodeHash } from "@/lib/notices/notice-code";
import { addLetter, newLetterBatch } from "./pdf";

// Prints the letters that are due: one PDF per batch of up to 1,000 letters (a mail house takes a few large
// print-ready files, not a million small ones; the manifest gives each letter's first page and page count), and
// beside it the batch's manifest CSV, the only place a mailing address is written in plain text.
// Each batch: PDF and manifest written to *.part files and synced, then ONE transaction marks its letters printed
// (only those still queued), stores each person's new notice code as a keyed hash and audits them, then the files
// take their names. A letter is therefore marked printed only once its page is on disk, and a re-run (or a second
// run at the same time) never prints it again; a crash between the commit and the renames leaves complete
// *.part files. The code itself exists only in the PDF.

export const LETTER_BATCH_SIZE = 1000;
/** Why a letter cannot go out (notices.last_error: never personal data). */
const NO_ADDRESS = "no mailing address on file";

export type LettersReport = { letters: number; batches: number; pages: number; undeliverable: number };

const COUNTRY_LINE: Record<string, string> = { CA: "CANADA", US: "USA" };

const csvField = (v: string | number) => {
  // A leading = + - @ would make a spreadsheet read the cell as a formula (OWASP: CSV injection): quote it as text.
  const s = /^[=+\-@]/.test(String(v)) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const MANIFEST_HEADER = "batch,first_page,pages,notice_id,language,name,mailing_address,region,country";

/** Creates `path` for writing only by its owner (0600), never over an existing file. */
function writeNew(path: string, data: Uint8Array | string): void {
  const fd = openSync(path, "wx", 0o600);
  try {
    writeSync(fd, typeof data === "string" ? Buffer.from(data, "utf8") : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const stampOf = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");

export async function printLetters(
  db: Database,
  opts: { out: string; now?: Date; batchSize?: number; onProgress?: (done: number, total: number) => void },
): Promise<LettersReport> {
  const now = opts.now ?? new Date();
  const size = opts.batchSize ?? LETTER_BATCH_SIZE;
  const total = await countDueLetters(db, now);
  const report: LettersReport = { letters: 0, batches: 0, pages: 0, undeliverable: 0 };
  const incidents = new Map<string, IncidentRow | null>();
  let afterId = 0;
  for (;;) {
    const rows = await listDueLetterRows(db, { afterId, limit: size, now });
    if (!rows.length) break;
    afterId = rows.at(-1)!.id;
    const batch = `letters-${stampOf(now)}-${String(report.batches + 1).padStart(4, "0")}`;
    const { pdf, fonts } = await newLetterBatch();
    const manifest = [MANIFEST_HEADER];
    const printed: number[] = [];
    const unprintable: number[] = [];
    // One code per person per batch: printing a person's letter again (a later batch) replaces their code.
    const codes = new Map<number, string>();
    let page = 1;
    for (const row of rows) {
      if (!incidents.has(row.incidentId)) incidents.set(row.incidentId, await getIncident(db, row.incidentId));
      const incident = incidents.get(row.incidentId)!;
      const address =
        row.kind === "companion_contact" ? null : openPersonal(row.personalEnc, row.incidentId, row.externalId).address;
      if (!incident || !address) {
        unprintable.push(row.id);
        continue;
      }
      const code = codes.get(row.personId) ?? newNoticeCode();
      codes.set(row.personId, code);
      const name = `${row.givenName} ${row.familyName}`;
      const doc = buildNotice(noticeInputOf(row, incident, { noticeCode: code }));
      const country = COUNTRY_LINE[row.country] ?? row.country;
      const pages = addLetter(pdf, fonts, doc, {
        addressLines: [name, address, [row.region, country].filter(Boolean).join(" ")],
        returnLines: [incident.organisation, ...(incident.privacyAddress ? [incident.privacyAddress] : [])],
        reference: `${batch} · ${row.id}`,
      });
      manifest.push(
        [batch, page, pages, row.id, row.language, name, address, row.region ?? "", row.country]
          .map(csvField)
          .join(","),
      );
      page += pages;
      printed.push(row.id);
    }

    const pdfPath = join(opts.out, `${batch}.pdf`);
    const csvPath = join(opts.out, `${batch}.csv`);
    if (printed.length) {
      pdf.setTitle(`${batch}`);
      writeNew(`${pdfPath}.part`, await pdf.save());
      writeNew(`${csvPath}.part`, `${manifest.join("\n")}\n`);
    }
    try {
      await db.transaction(async (tx) => {
        const marked = await markLettersPrinted(tx, printed, batch, now);
        // Another run printed some of them meanwhile: this batch's file would repeat them, so it is dropped.
        if (marked.length !== printed.length) throw new ConcurrentRunError();
        const personIds = new Set(rows.filter((r) => printed.includes(r.id)).map((r) => r.personId));
        await upsertNoticeCodes(
          tx,
          [...personIds].map((personId) => ({ personId, codeHash: noticeCodeHash(codes.get(personId)!)! })),
        );
        report.undeliverable += await markLettersUndeliverable(tx, unprintable, NO_ADDRESS);
        await recordAudit(
          tx,
          { type: "cli" },
          "notice.letter_printed",
          rows.filter((r) => printed.includes(r.id)).map((r) => ({ personId: r.personId, ref: String(r.id) })),
          { detail: batch },
        );
      });
    } catch (err) {
      rmSync(`${pdfPath}.part`, { force: true });
      rmSync(`${csvPath}.part`, { force: true });
      throw err;
    }
    if (printed.length) {
      renameSync(`${pdfPath}.part`, pdfPath);
      renameSync(`${csvPath}.part`, csvPath);
      report.batches++;
      report.letters += printed.length;
      report.pages += page - 1;
    }
    opts.onProgress?.(report.letters + report.undeliverable, total);
  }
  return report;
}

export class ConcurrentRunError extends Error {
  constructor() {
    super("another letters run printed some of these letters at the same time; nothing was marked for this batch");
    this.name = "ConcurrentRunError";
  }
}
