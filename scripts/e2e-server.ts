import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import postgres from "postgres";
import type { RunState } from "../e2e/fixtures/pool";
import { type RunDatabase, runDir, runPaths } from "../e2e/fixtures/run";

// The e2e web server (playwright.config.ts `webServer.command`). Playwright starts it before globalSetup, so it
// does all the preparation itself, in this order, then serves until Playwright stops it:
//   1. a fresh database: PGlite in the run's temporary folder, or a scratch `e2e_<random>` PostgreSQL database
//      created next to E2E_DATABASE_URL / DATABASE_URL;
//   2. fresh keys for this run (unless the caller set them), so nothing depends on .data/dev-secrets.json;
//   3. the real migrations, the committed demo bundle through the real import, and the fixture travellers
//      (scripts/e2e-pool.ts), then state.json for the tests; the handle is closed before the server starts,
//      because PGlite allows one process per folder;
//   4. the production build (`next build` into .next-e2e; E2E_REUSE_BUILD=1 skips it when a build exists);
//   5. the portal's server (scripts/portal-server.ts, as `npm start`) on 127.0.0.1:E2E_PORT with
//      APP_ENV=development (the dev outbox is on, SMTP is off).
// On SIGTERM/SIGINT it stops the server, drops the scratch database and deletes the run folder.

const DIST_DIR = ".next-e2e";
const dir = runDir();
const paths = runPaths(dir);
const port = process.env.E2E_PORT ?? "3210";
const perVariety = Number(process.env.E2E_POOL_SIZE ?? 40);
const started = Date.now();
const log = (msg: string) => console.error(`[e2e-server +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

mkdirSync(paths.claims, { recursive: true });

// 1. The database.
const adminUrl = process.env.E2E_DATABASE_URL || process.env.DATABASE_URL;
let database: RunDatabase;
let databaseUrl: string | undefined;
if (adminUrl) {
  const name = `e2e_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  database = { kind: "postgres", adminUrl, name };
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
} else {
  database = { kind: "pglite", dir: paths.pglite };
}
writeFileSync(paths.database, JSON.stringify(database));
log(
  database.kind === "postgres" ? `scratch PostgreSQL database ${database.name}` : `fresh PGlite folder ${paths.pglite}`,
);

// 2. The environment the preparation and the server share.
const appEnv: NodeJS.ProcessEnv = {
  ...process.env,
  APP_ENV: "development",
  DATABASE_URL: databaseUrl ?? "",
  PGLITE_DIR: paths.pglite,
  DEV_SECRETS_DIR: dir,
  ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS || `e2e1:${randomBytes(32).toString("base64")}`,
  ENCRYPTION_KEY_ID: process.env.ENCRYPTION_KEYS ? process.env.ENCRYPTION_KEY_ID : "e2e1",
  BLIND_INDEX_KEY: process.env.BLIND_INDEX_KEY || randomBytes(32).toString("base64"),
  AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64url"),
  // Codes must land in the dev outbox, never in a real mailbox a developer's shell happens to point at.
  SMTP_URL: "",
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  // Browsers refuse passkeys on an IP address: e2e/agent-passkey.spec.ts reaches the portal as localhost.
  PASSKEY_ORIGIN: `http://localhost:${port}`,
  NEXT_DIST_DIR: DIST_DIR,
  NEXT_TELEMETRY_DISABLED: "1",
};
Object.assign(process.env, appEnv);
if (!databaseUrl) delete process.env.DATABASE_URL;

let server: ChildProcess | undefined;
let cleaning: Promise<void> | undefined;

async function cleanUp(): Promise<void> {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  }
  if (database.kind === "postgres") {
    const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${database.name}" with (force)`).catch(() => {});
    await admin.end();
  }
  if (process.env.E2E_KEEP_RUN_DIR !== "1") rmSync(dir, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    cleaning ??= cleanUp().finally(() => process.exit(0));
  });
}

try {
  // 3. Schema, demo bundle and fixture travellers. Imported only now: env() reads process.env once.
  const { openDatabase, rowsOf } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  const { seedTravellerPool } = await import("./e2e-pool");
  const { seedNoticeFactors } = await import("./e2e-notice-factors");
  const { sql } = await import("drizzle-orm");
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    const { importBundle } = await import("@/lib/bundle/import");
    const counts = await importBundle(handle, resolve("demo/bundle"), { skipInvalid: false });
    log(`demo bundle loaded: ${JSON.stringify(counts)}`);
    const [incident] = rowsOf<{ id: string; title_en: string; title_fr: string }>(
      await handle.db.execute(sql`select id, title_en, title_fr from incidents order by imported_at desc limit 1`),
    );
    if (!incident) throw new Error("the demo bundle created no incident");
    const travellers = await seedTravellerPool(handle.db, incident.id, perVariety);
    const noticeFactors = await seedNoticeFactors(handle.db, incident.id, travellers, 4);
    // Agent accounts for the console specs, one per spec that signs in (each with its own sign-in budget).
    const { createAgentAccount } = await import("@/lib/agent/accounts");
    const agents: RunState["agents"] = [];
    // Twenty agents and eight supervisors: every test claims its own (a two-person approval needs two in one test).
    for (let i = 0; i < 28; i++) {
      const role = i < 20 ? ("agent" as const) : ("supervisor" as const);
      const account = {
        email: `${role}${i}.${randomBytes(3).toString("hex")}@airline.example`,
        password: randomBytes(12).toString("base64url"),
        displayName: `${role === "agent" ? "Agent" : "Supervisor"} Number${i}`,
        role,
      };
      // The TOTP secret goes to the run's state: signInAsAgent computes each code from it, as an app would.
      const { totpSecret } = await createAgentAccount(handle.db, account, { type: "cli" });
      agents.push({ ...account, totpSecret });
    }
    const state: RunState = {
      incident: { id: incident.id, title: { en: incident.title_en, fr: incident.title_fr } },
      travellers,
      agents,
      noticeFactors,
    };
    writeFileSync(paths.state, JSON.stringify(state, null, 1));
    log(`fixture travellers created: ${Object.values(travellers).flat().length} bookings`);
  } finally {
    await handle.close();
  }

  // 4. The production build.
  if (process.env.E2E_REUSE_BUILD === "1" && existsSync(`${DIST_DIR}/BUILD_ID`)) {
    log(`reusing the build in ${DIST_DIR} (${readFileSync(`${DIST_DIR}/BUILD_ID`, "utf8").trim()})`);
  } else {
    log(`next build → ${DIST_DIR}`);
    const build = spawnSync("node_modules/.bin/next", ["build"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: process.env,
    });
    if (build.status !== 0) throw new Error(`next build failed (exit ${build.status ?? build.signal})`);
    log("build done");
  }

  // 5. Serve.
  // The portal's own server (scripts/portal-server.ts), as `npm start` runs it, so the tests see the production
  // path: the socket address as the client, the request timeouts. A long keep-alive: with a short one the server
  // closes idle sockets just as a test's request context reuses one, and the request fails with ECONNRESET.
  const args = ["scripts/portal-server.ts", "--port", port, "--host", "127.0.0.1", "--keep-alive-timeout", "120000"];
  server = spawn("node_modules/.bin/tsx", args, { stdio: ["ignore", "inherit", "inherit"], env: process.env });
  server.on("exit", (code, signal) => {
    if (cleaning) return;
    log(`the portal server exited (${code ?? signal})`);
    cleaning = cleanUp().finally(() => process.exit(code ?? 1));
  });
  log(`serving on http://127.0.0.1:${port}`);
} catch (err) {
  console.error(err);
  cleaning ??= cleanUp().finally(() => process.exit(1));
}
