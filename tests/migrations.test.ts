import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { MigrationError, migrateDatabase } from "@/db/migrate";
import { categories } from "@/db/schema";
import { verifyAuditChain } from "@/lib/audit/chain";
import { CATEGORY_CODES, CATEGORY_NAMES } from "@/lib/catalogue/categories";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

describe("migrations", () => {
  it("write the category catalogue that lib/catalogue/categories.ts describes", async () => {
    const rows = await t.db
      .select({ code: categories.code, en: categories.nameEn, fr: categories.nameFr })
      .from(categories)
      .orderBy(categories.sortOrder);
    expect(rows.map((r) => r.code)).toEqual([...CATEGORY_CODES]);
    for (const r of rows) expect({ en: r.en, fr: r.fr }).toEqual(CATEGORY_NAMES[r.code as keyof typeof CATEGORY_NAMES]);
  });

  it("can be applied again without changing anything", async () => {
    await expect(migrateDatabase(t)).resolves.toBeUndefined();
  });
});

/** A database migrated with the files as they were before `tag`: the same folder, the journal cut before it. */
async function migratedBefore(tag: string) {
  const folder = mkdtempSync(join(tmpdir(), `migrations-before-${tag}-`));
  cpSync("db/migrations", folder, { recursive: true });
  const journalPath = join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < tag);
  writeFileSync(journalPath, JSON.stringify(journal));
  return { folder, old: await createTestDatabase({ migrationsFolder: folder }) };
}

describe("the move to one personal-details value (migration 0005)", () => {
  it("stops with a readable message on a database that already holds people, and loses nothing", async () => {
    // The migrations as they were before 0005: the same files, the journal cut after 0004.
    const { folder, old } = await migratedBefore("0005");
    try {
      await old.db.execute(sql`insert into incidents (id, organisation, title_en, title_fr, summary_en, summary_fr, detected_on,
        exposure_from, exposure_to, not_exposed, monitoring_term_months, enrol_by, support_phone)
        values ('INC-OLD', 'Org', 't', 't', 's', 's', '2026-01-01', '2026-01-01', '2026-01-02', '{}', 24, '2027-01-01', '+1')`);
      await old.db.execute(sql`insert into people (incident_id, external_id, given_name, family_name, dob_enc, language, country)
        values ('INC-OLD', 'P1', 'A', 'B', 'v1.x.y.z', 'en', 'CA')`);
      await expect(migrateDatabase(old)).rejects.toThrow(
        /^the database refused a migration: people were imported by an earlier version of the portal: re-import the bundle into a fresh database/,
      );
      const [row] = rowsOf<{ n: number; dob: string }>(
        await old.db.execute(sql`select count(*)::int as n, min(dob_enc) as dob from people`),
      );
      expect(row).toEqual({ n: 1, dob: "v1.x.y.z" });
      // An empty database of that age upgrades.
      await old.db.execute(sql`delete from people`);
      await expect(migrateDatabase(old)).resolves.toBeUndefined();
    } finally {
      await old.destroy();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("the move to encrypted exposure hints (migration 0006)", () => {
  it("stops with a readable message on a database that holds plaintext hints, and loses nothing", async () => {
    const { folder, old } = await migratedBefore("0006");
    try {
      await old.db.execute(sql`insert into incidents (id, organisation, title_en, title_fr, summary_en, summary_fr, detected_on,
        exposure_from, exposure_to, not_exposed, monitoring_term_months, enrol_by, support_phone)
        values ('INC-OLD', 'Org', 't', 't', 's', 's', '2026-01-01', '2026-01-01', '2026-01-02', '{}', 24, '2027-01-01', '+1')`);
      await old.db.execute(sql`insert into people (incident_id, external_id, given_name, family_name, personal_enc, language, country)
        values ('INC-OLD', 'P1', 'A', 'B', 'v1.x.y.z', 'en', 'CA')`);
      await old.db.execute(sql`insert into exposures (person_id, category, detail)
        select id, 'travel_document', 'Passport ending 9516' from people`);
      await expect(migrateDatabase(old)).rejects.toThrow(
        /^the database refused a migration: exposure hints were imported by an earlier version of the portal/,
      );
      const [row] = rowsOf<{ detail: string }>(await old.db.execute(sql`select detail from exposures`));
      expect(row).toEqual({ detail: "Passport ending 9516" });
      // Without hints (a bundle that gave none) it upgrades.
      await old.db.execute(sql`update exposures set detail = null`);
      await expect(migrateDatabase(old)).resolves.toBeUndefined();
    } finally {
      await old.destroy();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("the audit chain (migration 0015)", () => {
  it("chains the events written before it, in id order, and chains on from there", async () => {
    const { folder, old } = await migratedBefore("0014");
    try {
      await old.db.execute(sql`insert into audit_events (actor_type, actor_id, action, person_id)
        values ('agent', 'a', 'agent.signed_in', null), ('traveller', '7', 'monitoring.enrolled', 7), ('cli', null, 'agent.added', null)`);
      await migrateDatabase(old);
      await old.db.execute(sql`insert into audit_events (actor_type, action) values ('cli', 'agent.disabled')`);
      expect(await verifyAuditChain(old.db)).toEqual({ intact: true, checked: 4 });
    } finally {
      await old.destroy();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("a migration that fails for another reason than a refusal", () => {
  it("keeps its own error instead of being reported as the database refusing", async () => {
    const folder = mkdtempSync(join(tmpdir(), "migrations-none-"));
    try {
      // No journal at all: the migrator's own error, not the database's.
      await expect(migrateDatabase(t, folder)).rejects.not.toBeInstanceOf(MigrationError);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
