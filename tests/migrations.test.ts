import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories } from "@/db/schema";
import { migrateDatabase } from "@/db/migrate";
import { CATEGORY_CODES, CATEGORY_NAMES } from "@/lib/catalogue/categories";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

describe("migrations", () => {
  it("write the category catalogue that lib/catalogue/categories.ts describes", async () => {
    const rows = await t.db.select({ code: categories.code, en: categories.nameEn, fr: categories.nameFr }).from(categories).orderBy(categories.sortOrder);
    expect(rows.map((r) => r.code)).toEqual([...CATEGORY_CODES]);
    for (const r of rows) expect({ en: r.en, fr: r.fr }).toEqual(CATEGORY_NAMES[r.code as keyof typeof CATEGORY_NAMES]);
  });

  it("can be applied again without changing anything", async () => {
    await expect(migrateDatabase(t)).resolves.toBeUndefined();
  });
});
