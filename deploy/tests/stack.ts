import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { FixtureTraveller, Variety } from "../../e2e/fixtures/pool";
import { type Deployment, startDeployment } from "../run";

// One deployment for a spec file: a scratch database next to the admin URL (migrated, with the demo bundle and
// fixture travellers), then deploy/run.ts's layout on top of it: PgBouncer, two instances, the worker, nginx.

export const DIST_DIR = process.env.DEPLOY_DIST_DIR || ".next-e2e";

/** Where the tests' scratch databases are created (the deploy config checks that it answers). */
export const adminUrl = () =>
  process.env.DEPLOY_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

export type Stack = {
  deployment: Deployment;
  travellers: Record<Variety, FixtureTraveller[]>;
  databaseUrl: string;
  stop: () => Promise<void>;
};

export async function launchStack(opts: { admin?: string; port: number; drainDelayMs?: number }): Promise<Stack> {
  const started = Date.now();
  const since = () => ((Date.now() - started) / 1000).toFixed(1);
  const admin = opts.admin ?? adminUrl();
  const name = `deploy_${randomBytes(5).toString("hex")}`;
  const client = postgres(admin, { max: 1, onnotice: () => {} });
  await client.unsafe(`create database "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dir = mkdtempSync(join(tmpdir(), "portal-deploy-test-"));
  const dropDatabase = async () => {
    const c = postgres(admin, { max: 1, onnotice: () => {} });
    await c.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
    await c.end();
    rmSync(dir, { recursive: true, force: true });
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APP_ENV: "development",
    DEV_SECRETS_DIR: dir,
    ENCRYPTION_KEYS: `d1:${randomBytes(32).toString("base64")}`,
    ENCRYPTION_KEY_ID: "d1",
    BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    SMTP_URL: "",
    SUPPORT_PHONE: "1-888-555-0199",
    // Every test client is 127.0.0.1: the per-client limit is raised so that the per-(reference, client) one,
    // 10 in 15 minutes (the production default), is what the rate-limit tests reach.
    VERIFY_LIMIT_REF: "10/15m,30/1d",
    VERIFY_LIMIT_IP: "1000/10m,10000/1d",
    VERIFY_CODE_LIMIT_IP: "1000/1h",
  };
  try {
    const state = join(dir, "state.json");
    const prepared = spawnSync(
      "node_modules/.bin/tsx",
      ["--conditions=react-server", "deploy/tests/prepare-db.ts", state],
      { env: { ...env, DATABASE_URL: databaseUrl }, encoding: "utf8" },
    );
    if (prepared.status !== 0) throw new Error(`preparing ${name} failed:\n${prepared.stderr}`);
    const { travellers } = JSON.parse(readFileSync(state, "utf8")) as { travellers: Stack["travellers"] };
    const deployment = await startDeployment({
      databaseUrl,
      instances: 2,
      port: opts.port,
      env,
      distDir: DIST_DIR,
      exposeUpstream: true,
      drainDelayMs: opts.drainDelayMs ?? 1500,
      log: process.env.DEPLOY_VERBOSE ? (line) => console.error(`[deploy +${since()}s] ${line}`) : undefined,
    });
    return {
      deployment,
      travellers,
      databaseUrl,
      stop: async () => {
        await deployment.stop();
        await dropDatabase();
      },
    };
  } catch (err) {
    await dropDatabase();
    throw err;
  }
}

/** The instance that answered (nginx's $upstream_addr, exposed by the test deployment), e.g. "127.0.0.1:3401". */
export const upstreamOf = (headers: Record<string, string>) => headers["x-portal-upstream"] ?? "";
