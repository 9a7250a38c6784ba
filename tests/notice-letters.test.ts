import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq, inArray } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { noticeCodes, notices, people } from "@/db/schema";
import { sealPersonal } from "@/lib/crypto/personal-details";
import { env } from "@/lib/env";
import { prepareOutDir, runLettersCommand } from "@/lib/notices/letters/cli";
import { printLetters } from "@/lib/notices/letters/print";
import { noticeCodeHash } from "@/lib/notices/notice-code";
import { removeTempDirs, tempDir } from "./helpers/bundle-fixtures";
import { cliHarness } from "./helpers/cli";
import { seedBooking } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// The letters: a PDF per batch with each person's notice (their name and address where the window shows it, a
// working notice code printed once and stored only as its hash), a manifest readable by its owner only, nothing
// printed twice, a bad --out refused with the data as it was. Runs on PGlite and PostgreSQL.

let t: TestDatabase;
afterAll(async () => {
  await t?.destroy();
  removeTempDirs();
});

/** Three people with letters due: two with an address (one in Québec, one with a Vietnamese name), one without. */
async function seedLetters(db: Database) {
  const { incidentId, passengers } = await seedBooking(db, [
    { givenName: "Thảo", familyName: "Nguyễn", dob: "1980-02-11" },
    { givenName: "Jérôme", familyName: "Côté", dob: "1982-11-02", language: "fr" },
    { givenName: "Zoé", familyName: "Côté", dob: "2015-07-21", language: "fr" },
  ]);
  const addresses = ["88 Yonge St, Apt 4", "Apt 12, 3480 Rue Sainte-Catherine", null];
  for (const [i, p] of passengers.entries()) {
    await db
      .update(people)
      .set({
        personalEnc: sealPersonal(incidentId, p.externalId, {
          dateOfBirth: p.person.dob,
          email: null,
          phone: null,
          address: addresses[i]!,
          rewardsId: null,
        }),
        emailBidx: null,
        region: i === 0 ? "ON" : "QC",
      })
      .where(eq(people.id, p.personId));
  }
  const ids = await db
    .insert(notices)
    .values(passengers.map((p) => ({ personId: p.personId, kind: "initial" as const, channel: "letter" as const })))
    .returning({ id: notices.id, personId: notices.personId });
  return ids;
}

const statusOf = async (db: Database, ids: number[]) =>
  (
    await db
      .select({ id: notices.id, status: notices.status, batch: notices.letterBatch })
      .from(notices)
      .where(inArray(notices.id, ids))
  ).sort((a, b) => a.id - b.id);

describe("printLetters", () => {
  let seeded: { id: number; personId: number }[];
  let out: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    seeded = await seedLetters(t.db);
    out = join(tempDir("letters-"), "out");
    mkdirSync(out, { mode: 0o755 });
  });

  it("writes one PDF and one manifest per batch, readable by their owner only, and marks the letters printed", async () => {
    const progress: string[] = [];
    const report = await printLetters(t.db, { out, batchSize: 1, onProgress: (d, n) => progress.push(`${d}/${n}`) });
    expect(report).toEqual({ letters: 2, batches: 2, pages: expect.any(Number), undeliverable: 1 });
    expect(progress.at(-1)).toBe("3/3");
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(4);
    expect(files.filter((f) => f.endsWith(".part"))).toEqual([]);
    for (const f of files) expect(statSync(join(out, f)).mode & 0o777).toBe(0o600);

    const states = await statusOf(
      t.db,
      seeded.map((s) => s.id),
    );
    expect(states.map((s) => s.status)).toEqual(["printed", "printed", "undeliverable"]);
    expect(`${states[0]!.batch}.pdf`).toBe(files.find((f) => f.endsWith("0001.pdf")));

    const manifest = readFileSync(join(out, files.find((f) => f.endsWith("0002.csv"))!), "utf8")
      .trim()
      .split("\n");
    expect(manifest[0]).toBe("batch,first_page,pages,notice_id,language,name,mailing_address,region,country");
    expect(manifest).toHaveLength(2);
    expect(manifest[1]).toContain(`,1,`);
    expect(manifest[1]).toContain(`${seeded[1]!.id},fr,Jérôme Côté,"Apt 12, 3480 Rue Sainte-Catherine",QC,CA`);
  });

  it("the PDF reads as the notice, with the address for the window and a notice code that matches its hash", async () => {
    const files = readdirSync(out)
      .filter((f) => f.endsWith(".pdf"))
      .sort();
    const bytes = readFileSync(join(out, files[0]!));
    const pdf = await PDFDocument.load(bytes);
    const pages = pdf.getPageCount();
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
    const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
    for (const s of [
      "Thảo Nguyễn",
      "88 Yonge St, Apt 4",
      "ON CANADA",
      "Dear Thảo Nguyễn,",
      "What Information Was Involved",
      "I have a letter",
      "J’ai une lettre",
      "http://localhost:3000/verify",
    ])
      expect(text).toContain(s);
    // The name and address inside a #10 envelope's left window (7/8" to 4 1/2" from the left, 2" to 3 1/8" from
    // the top of the sheet, folded in thirds), the body below the first fold.
    const page = await (await getDocumentProxy(new Uint8Array(bytes))).getPage(1);
    const items = (await page.getTextContent()).items as { str: string; transform: number[] }[];
    const at = (s: string) => items.find((i) => i.str === s)!.transform;
    for (const line of ["Thảo Nguyễn", "88 Yonge St, Apt 4", "ON CANADA"]) {
      const [, , , , x, y] = at(line) as [number, number, number, number, number, number];
      expect(x).toBeGreaterThanOrEqual(0.875 * 72);
      expect(792 - y).toBeGreaterThan(2 * 72);
      expect(792 - y).toBeLessThan(3.125 * 72);
    }
    expect(792 - at("Dear Thảo Nguyễn,")[5]!).toBeGreaterThan(3.67 * 72);
    const code = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/.exec(text)?.[0];
    expect(code).toBeDefined();
    const [stored] = await t.db.select().from(noticeCodes).where(eq(noticeCodes.personId, seeded[0]!.personId));
    expect(stored!.codeHash).toBe(noticeCodeHash(code!));
    expect(stored!.codeHash).not.toContain(code!.replace(/-/g, ""));
    // Québec reader: French first in her letter.
    const { text: fr } = await extractText(new Uint8Array(readFileSync(join(out, files[1]!))), { mergePages: true });
    expect(fr.indexOf("Bonjour Jérôme Côté")).toBeLessThan(fr.indexOf("Dear Jérôme Côté"));
    expect(fr.replace(/\s+/g, " ")).toContain("Commission d’accès à l’information du Québec");
  });

  it("a second run prints nothing again and keeps the codes", async () => {
    const before = await t.db.select().from(noticeCodes);
    const again = prepareOutDir(join(tempDir("letters-"), "again"));
    expect(await printLetters(t.db, { out: again })).toEqual({ letters: 0, batches: 0, pages: 0, undeliverable: 0 });
    expect(readdirSync(again)).toEqual([]);
    expect(await t.db.select().from(noticeCodes)).toEqual(before);
  });

  it("refuses a bad --out and changes nothing", async () => {
    const [queued] = await t.db
      .insert(notices)
      .values({ personId: seeded[0]!.personId, kind: "reminder_30", channel: "letter" })
      .returning({ id: notices.id });
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(`out:${s}`), err: (s: string) => lines.push(`err:${s}`) };
    const full = tempDir("letters-");
    writeFileSync(join(full, "keep.txt"), "x");
    expect(await runLettersCommand(["--out", full], io)).toBe(2);
    expect(lines.join("")).toContain("is not empty");
    expect(lines.join("")).toContain("Nothing was changed.");
    const file = join(tempDir("letters-"), "a-file");
    writeFileSync(file, "x");
    expect(await runLettersCommand(["--out", join(file, "sub")], io)).toBe(2);
    expect(lines.join("")).toContain("cannot be created");
    expect(await runLettersCommand([], io)).toBe(2);
    expect(lines.filter((l) => l.startsWith("out:"))).toEqual([]);
    expect(readdirSync(full)).toEqual(["keep.txt"]);
    expect((await statusOf(t.db, [queued!.id]))[0]!.status).toBe("queued");
  });
});

describe("npm run notices -- letters", () => {
  it("prints through the real command: JSON on stdout, the address warning on stderr, a 0700 folder", {
    timeout: 240_000,
  }, async () => {
    const db = await createTestDatabase();
    try {
      const cli = cliHarness(db, "scripts/notices.ts", "letters-cli-");
      // The rows are sealed here, so the command must open them with this process's keys.
      const e = env();
      writeFileSync(
        join(cli.secretsDir, "dev-secrets.json"),
        JSON.stringify({
          ENCRYPTION_KEYS: [...e.ENCRYPTION_KEYS].map(([id, key]) => `${id}:${key.toString("base64")}`).join(","),
          BLIND_INDEX_KEY: e.BLIND_INDEX_KEY,
          AUTH_SECRET: e.AUTH_SECRET,
        }),
      );
      await cli.onDb(async (h) => {
        if (cli.pgliteDir) await migrateDatabase(h);
        await seedLetters(h.db);
      });
      const out = join(tempDir("letters-"), "new", "dir");
      const first = await cli.run(["letters", "--out", out]);
      expect(first.stderr).toContain("the only plaintext address output");
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toEqual({
        letters: 2,
        batches: 1,
        pages: expect.any(Number),
        undeliverable: 1,
        out,
      });
      expect(first.stderr).toContain("the only plaintext address output");
      expect(first.stderr).toContain("letters: 3/3");
      expect(statSync(out).mode & 0o777).toBe(0o700);
      expect(readdirSync(out)).toHaveLength(2);
      const second = await cli.run(["letters", "--out", join(tempDir("letters-"), "second")]);
      expect(JSON.parse(second.stdout)).toMatchObject({ letters: 0, batches: 0 });
    } finally {
      await db.destroy();
    }
  });
});
