import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { findAgentCredentials, listAgents } from "@/db/queries/agents";
import { auditEvents } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { removeTempDirs } from "./helpers/bundle-fixtures";
import { type CliHarness, cliHarness } from "./helpers/cli";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// `npm run agent` as a child process: exit codes, messages, and what it leaves in the database. The child inherits
// a cheap scrypt cost (read only under APP_ENV=test; the production cost is tested in agent-console.test.ts).
process.env.PASSWORD_HASH_TEST_N = "1024";

let t: TestDatabase;
let cli: CliHarness["run"];
let onDb: <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

beforeAll(async () => {
  t = await createTestDatabase();
  const harness = cliHarness(t, "scripts/agent.ts", "agent-cli-");
  cli = harness.run;
  onDb = (fn) => harness.onDb((h) => fn(h.db));
});
afterAll(async () => {
  await t?.destroy();
  removeTempDirs();
});

describe("npm run agent", () => {
  it("adds an account with a piped password, stored only as a hash", async () => {
    const r = await cli(["add", "--email", "Lead@Airline.example", "--name", "Team Lead"], "a long enough password\n");
    expect(r).toMatchObject({ code: 0, stdout: "added lead@airline.example\n" });
    const account = await onDb((db) => findAgentCredentials(db, "lead@airline.example"));
    expect(account?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword("a long enough password", account!.passwordHash)).toBe(true);
  });

  it("refuses bad input with a reason and exit code 1 or 2, and writes nothing", async () => {
    const before = await onDb((db) => listAgents(db));
    expect(await cli(["add", "--email", "not-an-email", "--name", "X"], "a long enough password")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("--email must be an email address"),
    });
    expect(await cli(["add", "--email", "x@airline.example", "--name", "  "], "a long enough password")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("--name must not be empty"),
    });
    expect(await cli(["add", "--email", "x@airline.example", "--name", "X"], "short")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("at least 12 characters"),
    });
    expect(await cli(["add", "--email", "x@airline.example", "--name", "X"], "")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("no password on standard input"),
    });
    expect(await cli(["add", "--email", "x@airline.example", "--name", "X"], `   ${" ".repeat(12)}`)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("at least 12 characters"),
    });
    expect(
      await cli(["add", "--email", "lead@airline.example", "--name", "Again"], "another long password"),
    ).toMatchObject({ code: 1, stderr: expect.stringContaining("already exists") });
    expect(await cli(["disable", "--email", "nobody@airline.example"], null)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("no agent with the email"),
    });
    expect(
      await cli(["add", "--email", "x@airline.example", "--name", "X", "--role", "admin"], "a long enough password"),
    ).toMatchObject({ code: 1, stderr: expect.stringContaining("--role must be agent or supervisor") });
    expect((await cli(["frobnicate"], null)).code).toBe(2);
    expect(await onDb((db) => listAgents(db))).toEqual(before);
  });

  it("disables and re-enables an account", async () => {
    expect(await cli(["disable", "--email", "lead@airline.example"], null)).toMatchObject({
      code: 0,
      stdout: "disabled lead@airline.example\n",
    });
    expect((await cli(["list"], null)).stdout).toBe("lead@airline.example\tTeam Lead\tagent\t(disabled)\n");
    expect((await onDb((db) => findAgentCredentials(db, "lead@airline.example")))?.disabled).toBe(true);
    expect(await cli(["enable", "--email", "lead@airline.example"], null)).toMatchObject({ code: 0 });
    expect((await onDb((db) => findAgentCredentials(db, "lead@airline.example")))?.disabled).toBe(false);
    // Audited as done from the command line (no actor id), about the account (`ref`).
    const account = await onDb((db) => findAgentCredentials(db, "lead@airline.example"));
    const events = await onDb((db) =>
      db
        .select({ actorType: auditEvents.actorType, actorId: auditEvents.actorId, action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.ref, account!.id))
        .orderBy(auditEvents.id),
    );
    expect(events).toEqual(
      ["agent.added", "agent.disabled", "agent.enabled"].map((action) => ({ actorType: "cli", actorId: null, action })),
    );
  });
});
