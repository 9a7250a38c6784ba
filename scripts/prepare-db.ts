import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { type Database, describeDatabaseError, openDatabase, rowsOf } from "@/db/client";
import { exitOnRefusedMigration, migrateDatabase } from "@/db/migrate";

// Brings the database up to date before the portal starts: applies migrations and, on a database that has
// no incident yet (a newcomer's first start), loads the project's demo bundle. In development, that same first
// start also creates a demo agent for the console (/agent), with a generated password kept in
// $DEV_SECRETS_DIR/demo-agent.json (reprinted on later starts). Safe to run on every start.

const DEMO_AGENT_EMAIL = "agent@example.com";

async function ensureDemoAgent(db: Database, create: boolean): Promise<void> {
  const { findAgentCredentials, insertAgent } = await import("@/db/queries/agents");
  const { hashPassword } = await import("@/lib/auth/password");
  const file = join(process.env.DEV_SECRETS_DIR || ".data", "demo-agent.json");
  const existing = await findAgentCredentials(db, DEMO_AGENT_EMAIL);
  if (existing && existsSync(file)) {
    const { password } = JSON.parse(readFileSync(file, "utf8")) as { password: string };
    console.error(`Agent console (development): /agent as ${DEMO_AGENT_EMAIL}, password ${password} (in ${file}).`);
    return;
  }
  if (existing || !create) return;
  const password = randomBytes(12).toString("base64url");
  await insertAgent(db, {
    email: DEMO_AGENT_EMAIL,
    displayName: "Demo Agent",
    passwordHash: await hashPassword(password),
    role: "agent",
  });
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, JSON.stringify({ email: DEMO_AGENT_EMAIL, password }, null, 2), { mode: 0o600 });
  console.error(`Agent console (development): /agent as ${DEMO_AGENT_EMAIL}, password ${password} (in ${file}).`);
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
