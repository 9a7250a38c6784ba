import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { findActiveAgent, findAgentCredentials, listAgents } from "@/db/queries/agents";
import { agents, auditEvents } from "@/db/schema";
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

// Each run starts tsx and opens the database: slow on a busy machine.
describe("npm run agent", { timeout: 180_000 }, () => {
  it("adds an account with a piped password, stored only as a hash", async () => {
    const r = await cli(["add", "--email", "Lead@Airline.example", "--name", "Team Lead"], "a long enough password\n");
    expect(r.code).toBe(0);
    // Readable text: the account, and its authenticator secret and URI, shown once; no password (it was piped).
    const secret = /authenticator secret \(shown once\): ([A-Z2-7]+)\n/.exec(r.stdout)?.[1];
    expect(r.stdout).toBe(
      `added lead@airline.example (agent)\nauthenticator secret (shown once): ${secret}\nauthenticator URI: otpauth://totp/Incident%20support%20(agents):lead%40airline.example?secret=${secret}&period=30&digits=6&algorithm=SHA1&issuer=Incident%20support%20(agents)\n`,
    );
    const account = await onDb((db) => findAgentCredentials(db, "lead@airline.example"));
    expect(account?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword("a long enough password", account!.passwordHash)).toBe(true);
    // The secret is stored only sealed.
    expect(account?.totpSecret).toMatch(/^v1\./);
    expect(account?.totpSecret).not.toContain(secret);
  });

  it("prints one line of JSON with --json, generating the password when none is piped", async () => {
    const r = await cli([
      "add",
      "--email",
      "Sup@Airline.example",
      "--name",
      "Sam Sup",
      "--role",
      "supervisor",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(1);
    const out = JSON.parse(r.stdout) as Record<string, string>;
    expect(Object.keys(out)).toEqual(["email", "role", "password", "totpSecret", "otpauthUri"]);
    expect(out).toMatchObject({ email: "sup@airline.example", role: "supervisor" });
    expect(out.password!.length).toBeGreaterThanOrEqual(20);
    expect(out.otpauthUri).toContain(`secret=${out.totpSecret}`);
    const account = await onDb((db) => findAgentCredentials(db, "sup@airline.example"));
    expect(await verifyPassword(out.password!, account!.passwordHash)).toBe(true);
  });

  it("gives an account a new second factor, ending its sessions, audited", async () => {
    const before = await onDb((db) => findAgentCredentials(db, "sup@airline.example"));
    const r = await cli(["reset-factor", "--email", "SUP@airline.example", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, string>;
    expect(Object.keys(out)).toEqual(["email", "totpSecret", "otpauthUri"]);
    const after = await onDb((db) => findAgentCredentials(db, "sup@airline.example"));
    expect(after!.totpSecret).not.toBe(before!.totpSecret);
    expect(after!.sessionEpoch).toBe(before!.sessionEpoch + 1);
    expect(await onDb((db) => findActiveAgent(db, { agentId: after!.id, epoch: before!.sessionEpoch }))).toBeNull();
    const text = await cli(["reset-factor", "--email", "sup@airline.example"]);
    expect(text.stdout).toMatch(/^new second factor for sup@airline\.example; its sessions are ended\n/);
    const events = await onDb((db) =>
      db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.ref, after!.id)),
    );
    expect(events.filter((e) => e.action === "agent.factor_reset")).toHaveLength(2);
    expect(await cli(["reset-factor", "--email", "nobody@airline.example", "--json"])).toMatchObject({
      code: 1,
      stdout: "",
      stderr: expect.stringContaining("no agent with the email"),
    });
    // No secret is ever written anywhere but standard output: the stored one is sealed.
    const [row] = await onDb((db) =>
      db.select({ totpSecret: agents.totpSecret }).from(agents).where(eq(agents.id, after!.id)),
    );
    expect(row?.totpSecret).toMatch(/^v1\./);
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
    expect((await cli(["reset-factor", "--email", "x@airline.example", "--jsn"], null)).code).toBe(2);
    expect(await onDb((db) => listAgents(db))).toEqual(before);
  });

  it("disables and re-enables an account", async () => {
    expect(await cli(["disable", "--email", "lead@airline.example"], null)).toMatchObject({
      code: 0,
      stdout: "disabled lead@airline.example\n",
    });
    expect((await cli(["list"], null)).stdout).toBe(
      "lead@airline.example\tTeam Lead\tagent\t(disabled)\nsup@airline.example\tSam Sup\tsupervisor\n",
    );
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
