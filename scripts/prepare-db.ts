import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { type Database, describeDatabaseError, openDatabase, rowsOf } from "@/db/client";
import { exitOnRefusedMigration, migrateDatabase } from "@/db/migrate";

// Brings the database up to date before the portal starts: applies migrations and, on a database that has
// no incident yet (a newcomer's first start), loads the project's demo bundle. In development, that same first
// start also creates a demo agent and a demo supervisor for the console (/agent), each with a generated password
// and TOTP secret kept in $DEV_SECRETS_DIR/demo-agent.json (reprinted on later starts). Safe to run on every start.

const DEMO_ACCOUNTS = [
  { email: "agent@example.com", displayName: "Demo Agent", role: "agent" },
  { email: "supervisor@example.com", displayName: "Demo Supervisor", role: "supervisor" },
] as const;

type DemoAccount = { email: string; role: string; password: string; totpSecret: string; otpauthUri: string };

function printDemoAccounts(accounts: DemoAccount[], file: string): void {
  console.error(
    `Agent console (development): /agent/sign-in (kept in ${file}; add the secret to an authenticator app,`,
  );
  console.error("or paste the otpauth:// URI into one):");
  for (const a of accounts)
    console.error(`  ${a.role}: ${a.email}, password ${a.password}, TOTP secret ${a.totpSecret}\n    ${a.otpauthUri}`);
}

async function ensureDemoAgent(db: Database, create: boolean): Promise<void> {
  const { findAgentIdByEmail } = await import("@/db/queries/agents");
  const { createAgentAccount } = await import("@/lib/agent/accounts");
  const file = join(process.env.DEV_SECRETS_DIR || ".data", "demo-agent.json");
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { accounts?: DemoAccount[] }) : null;
  if (saved?.accounts) {
    const present = await Promise.all(saved.accounts.map((a) => findAgentIdByEmail(db, a.email)));
    if (present.every(Boolean)) printDemoAccounts(saved.accounts, file);
    return;
  }
  if (saved)
    console.error(
      `Agent console (development): the demo agent predates second factors; give it one with: npm run agent -- reset-factor --email ${DEMO_ACCOUNTS[0].email}`,
    );
  if (saved || !create) return;
  const accounts: DemoAccount[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const password = randomBytes(12).toString("base64url");
    const made = await createAgentAccount(db, { ...a, password }, { type: "cli" });
    accounts.push({ email: a.email, role: a.role, password, totpSecret: made.totpSecret, otpauthUri: made.otpauthUri });
  }
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, JSON.stringify({ accounts }, null, 2), { mode: 0o600 });
  printDemoAccounts(accounts, file);
}

async function prepareDatabase(opts: { demo?: boolean } = {}): Promise<void> {
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    const [row] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from incidents`));
    const loadedDemo = (row?.n ?? 0) === 0 && opts.demo !== false && process.env.APP_ENV !== "production";
    if (loadedDemo) {
      const { importBundle } = await import("@/lib/bundle/import");
      console.error("First start: loading the demo travellers (demo/bundle)…");
      const counts = await importBundle(handle, resolve(process.cwd(), "demo/bundle"), { skipInvalid: false });
      console.error(`Demo data loaded: ${JSON.stringify(counts)}`);
    }
    // The demo agent belongs to the demo: only in development, and created only on the start that loads the demo.
    if (opts.demo !== false && (process.env.APP_ENV ?? "development") === "development")
      await ensureDemoAgent(handle.db, loadedDemo);
    console.error(`Database ready (${handle.kind === "pglite" ? "embedded PGlite" : "PostgreSQL"}).`);
  } finally {
    await handle.close();
  }
}

/**
 * prepareDatabase for a command (npm start, db:prepare): a database that cannot be reached, or a refused migration,
 * ends the process with one line that says what is wrong (exit status 1), not a stack trace.
 */
export async function prepareDatabaseOrExit(opts: { demo?: boolean } = {}): Promise<void> {
  try {
    await exitOnRefusedMigration(() => prepareDatabase(opts));
  } catch (err) {
    const line = describeDatabaseError(err);
    if (!line) throw err;
    console.error(line);
    process.exit(1);
  }
}

if (process.argv[1]?.endsWith("prepare-db.ts")) {
  await prepareDatabaseOrExit({ demo: !process.argv.includes("--no-demo") });
}
