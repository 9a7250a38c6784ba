import { writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/db/migrate";
import { recordAudit } from "@/db/queries/audit";
import { removeTempDirs } from "./helpers/bundle-fixtures";
import { type CliHarness, cliHarness } from "./helpers/cli";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// `npm run audit:verify` as a child process: what it prints and its exit codes, on an intact and a broken chain.

let t: TestDatabase;
let harness: CliHarness;

beforeAll(async () => {
  t = await createTestDatabase();
  harness = cliHarness(t, "scripts/audit-verify.ts", "audit-verify-");
  await harness.onDb(async (h) => {
    await migrateDatabase(h);
    for (let i = 0; i < 5; i++) await recordAudit(h.db, { type: "agent", agentId: `a-${i}` }, "agent.signed_in");
  });
});
afterAll(async () => {
  await t?.destroy();
  removeTempDirs();
});

describe("npm run audit:verify", () => {
  it("says the chain is intact, with the rows it checked, and exits 0", async () => {
    expect(await harness.run([])).toMatchObject({ code: 0, stdout: "rows checked: 5\nchain intact\n" });
  });

  it("refuses arguments with its usage and exit code 2", async () => {
    expect(await harness.run(["--fast"])).toMatchObject({ code: 2, stderr: "usage: npm run audit:verify\n" });
    expect(await harness.run(["extra"])).toMatchObject({ code: 2 });
  });

  it("exits 3 when it cannot read a chain at all", async () => {
    // On PostgreSQL a database that does not exist; on PGlite a folder that cannot be opened (a file is in its way).
    const url = t.url ? `${t.url.replace(/\/[^/]+$/, "")}/no_such_database_here` : undefined;
    const nowhere = cliHarness({ ...t, url }, "scripts/audit-verify.ts", "audit-verify-nowhere-");
    if (nowhere.pgliteDir) writeFileSync(nowhere.pgliteDir, "not a database folder");
    const r = await nowhere.run([]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^audit:verify: \w+: could not complete/);
  });

  it("reports the first break, at its row, and exits 1", async () => {
    await harness.onDb(async (h) => {
      await h.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await h.db.execute(sql`update audit_events set actor_id = 'someone-else' where id = 3`);
      await h.db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    });
    expect(await harness.run([])).toMatchObject({
      code: 1,
      stdout: "rows checked: 3\nchain broken at row 3: the row's contents do not match its hash: it was changed\n",
    });
  });
});
