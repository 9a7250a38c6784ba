import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const scratch = mkdtempSync(join(tmpdir(), "env-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const envOf = (vars: Record<string, string>): NodeJS.ProcessEnv => ({ NODE_ENV: "test", ...vars });
const key = () => randomBytes(32).toString("base64");
const real = {
  ENCRYPTION_KEYS: `k1:${key()}`,
  BLIND_INDEX_KEY: key(),
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  SMTP_URL: "smtp://mail.example.org:587",
  TRUSTED_PROXY_HOPS: "0",
};

describe("the environment", () => {
  it("in production refuses to start without real keys, naming each missing one (never generating any)", () => {
    const attempt = () => parseEnv(envOf({ APP_ENV: "production", DEV_SECRETS_DIR: scratch, SMTP_URL: real.SMTP_URL }));
    expect(attempt).toThrow(/^Invalid environment:/);
    for (const name of ["ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "AUTH_SECRET"])
      expect(attempt).toThrow(new RegExp(`- ${name}: `));
    expect(() => parseEnv(envOf({ APP_ENV: "production", ...real, ENCRYPTION_KEYS: "" }))).toThrow(
      /- ENCRYPTION_KEYS: /,
    );
    expect(parseEnv(envOf({ APP_ENV: "production", ...real })).ENCRYPTION_KEY_ID).toBe("k1");
    expect(existsSync(join(scratch, "dev-secrets.json"))).toBe(false);
  });

  it("in development generates local keys once and reuses them", () => {
    const first = parseEnv(envOf({ APP_ENV: "development", DEV_SECRETS_DIR: scratch }));
    const again = parseEnv(envOf({ APP_ENV: "development", DEV_SECRETS_DIR: scratch }));
    expect(again.BLIND_INDEX_KEY).toBe(first.BLIND_INDEX_KEY);
    expect([...again.ENCRYPTION_KEYS.keys()]).toEqual([...first.ENCRYPTION_KEYS.keys()]);
  });
});
