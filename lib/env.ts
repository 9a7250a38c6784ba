import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";

// One module parses the environment and fails fast with a readable message.
// Development and the demo need nothing set: secrets are generated once into .data/dev-secrets.json.
// Production (APP_ENV=production) refuses to start without real keys.

const base64Key = (name: string) =>
  z.string().refine((v) => Buffer.from(v, "base64").length === 32, `${name} must be 32 bytes, base64-encoded`);

const keyList = z
  .string()
  .min(1)
  .transform((raw, ctx) => {
    const keys = new Map<string, Buffer>();
    for (const part of raw
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [id, b64] = part.split(":");
      const key = b64 ? Buffer.from(b64, "base64") : undefined;
      if (!id || !/^[A-Za-z0-9_-]{1,16}$/.test(id) || !key || key.length !== 32) {
        ctx.addIssue({
          code: "custom",
          message: "ENCRYPTION_KEYS must look like id1:<32-byte base64>,id2:<32-byte base64>",
        });
        return z.NEVER;
      }
      keys.set(id, key);
    }
    return keys;
  });

const schema = z
  .object({
    APP_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    PGLITE_DIR: z.string().default(".data/pglite"),
    DB_CONNECT_TIMEOUT: z.coerce.number().int().min(1).max(120).default(2),
    DB_STATEMENT_TIMEOUT: z.coerce.number().int().min(0).default(5000),
    // DATABASE_URL points at PgBouncer in transaction mode (deploy/pgbouncer.ini.template), which hands each
    // transaction to whichever server connection is free: db/client.ts then sends no prepared statements and no
    // startup settings (PgBouncer 1.18 refuses them; the timeout is set in its own configuration instead).
    DATABASE_PGBOUNCER: z
      .enum(["0", "1", "true", "false"], "DATABASE_PGBOUNCER must be 1 or 0")
      .optional()
      .transform((v) => v === "1" || v === "true"),
    ENCRYPTION_KEYS: keyList,
    ENCRYPTION_KEY_ID: z.string().optional(),
    BLIND_INDEX_KEY: base64Key("BLIND_INDEX_KEY"),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().default("Incident Response <no-reply@example.com>"),
    PUBLIC_URL: z.url().default("http://localhost:3000"),
    // The origin agents' passkeys are bound to (lib/agent/passkeys.ts; its host is the WebAuthn RP ID). Default:
    // PUBLIC_URL's origin. Browsers refuse passkeys on an IP address, so a portal reached at http://127.0.0.1 (the
    // e2e run) sets http://localhost:<port> here.
    PASSKEY_ORIGIN: z.url().optional(),
    // Proxies in front of the app that append to X-Forwarded-For (lib/rate-limit.ts clientIpFrom). No default in
    // production: a wrong guess either lets clients pick their own rate-limit bucket or lumps everyone together.
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).optional(),
    // The support phone the traveller outage page shows while the database is down (lib/session/support-phone.ts);
    // without it, the incident's number as the process last read it.
    SUPPORT_PHONE: z
      .string()
      .regex(/^\+?[\d\s().-]{7,20}$/, "SUPPORT_PHONE must be a phone number such as 1-888-555-0100")
      .optional(),
    // Caller searches each agent may make in an hour (lib/rate-limit.ts agentSearchAttempt); past it, refused.
    AGENT_SEARCH_LIMIT: z.coerce.number().int().min(1).max(10_000).default(60),
    // Searches by one agent within 5 minutes past which supervisors are alerted (an audit event, agent.search_burst).
    AGENT_SEARCH_BURST: z.coerce.number().int().min(1).max(10_000).default(20),
    // Bearer token that opens /api/metrics to other hosts (loopback needs none).
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    // Breach notices sent per second, shared by every sender (a window row in PostgreSQL, lib/notices/rate.ts);
    // 0: no limit (a loopback benchmark). Default: what a shared mail provider usually accepts without throttling.
    NOTICE_RATE: z.coerce.number().int().min(0).max(100_000).default(50),
    // How long a sender holds a notice it claimed before another may take it over (a killed sender's notices
    // come back after this). Longer than one SMTP send can last (lib/mail/transport.ts timeouts: 40 s).
    NOTICE_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
    // Sweeps each sender runs at once (each sends one notice at a time over the pooled SMTP connections).
    NOTICE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  })
  .superRefine((env, ctx) => {
    const current = env.ENCRYPTION_KEY_ID ?? [...env.ENCRYPTION_KEYS.keys()][0];
    if (!current || !env.ENCRYPTION_KEYS.has(current)) {
      ctx.addIssue({
        code: "custom",
        path: ["ENCRYPTION_KEY_ID"],
        message: "ENCRYPTION_KEY_ID must name a key in ENCRYPTION_KEYS",
      });
    }
    if (env.APP_ENV === "production" && !env.SMTP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message: "SMTP_URL is required in production (the dev outbox is off there)",
      });
    }
    if (env.APP_ENV === "production" && env.TRUSTED_PROXY_HOPS === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["TRUSTED_PROXY_HOPS"],
        message:
          "TRUSTED_PROXY_HOPS must be set in production: 0 when clients connect to the portal directly, else the number of proxies in front of it",
      });
    }
  });

export type Env = Omit<z.infer<typeof schema>, "ENCRYPTION_KEY_ID"> & { ENCRYPTION_KEY_ID: string };

type DevSecrets = { ENCRYPTION_KEYS: string; BLIND_INDEX_KEY: string; AUTH_SECRET: string };

function devSecrets(dir: string): DevSecrets {
  const file = resolve(/*turbopackIgnore: true*/ dir, "dev-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  const secrets: DevSecrets = {
    ENCRYPTION_KEYS: `dev1:${randomBytes(32).toString("base64")}`,
    BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
  };
  mkdirSync(dirname(file), { recursive: true });
  // "wx" so two processes starting together cannot overwrite each other's keys.
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { flag: "wx", mode: 0o600 });
  } catch {
    return JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  }
  return secrets;
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const raw: Record<string, string | undefined> = { ...source };
  for (const k of Object.keys(raw)) if (raw[k] === "") raw[k] = undefined;
  const appEnv = raw.APP_ENV ?? "development";
  if (appEnv !== "production" && (!raw.ENCRYPTION_KEYS || !raw.BLIND_INDEX_KEY || !raw.AUTH_SECRET)) {
    const generated = devSecrets(raw.DEV_SECRETS_DIR ?? ".data");
    raw.ENCRYPTION_KEYS ??= generated.ENCRYPTION_KEYS;
    raw.BLIND_INDEX_KEY ??= generated.BLIND_INDEX_KEY;
    raw.AUTH_SECRET ??= generated.AUTH_SECRET;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const data = parsed.data;
  return { ...data, ENCRYPTION_KEY_ID: data.ENCRYPTION_KEY_ID ?? [...data.ENCRYPTION_KEYS.keys()][0]! };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
