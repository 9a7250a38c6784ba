import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";

// A throwaway PostgreSQL database created next to the admin URL (same server, random name) and dropped at the
// end, whatever happens. `drop … with (force)` ends the app's connections first (PostgreSQL 13+).

export type ScratchDatabase = { name: string; url: string; version: string; drop: () => Promise<void> };

export async function createScratchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const name = `bench_lookup_${randomBytes(5).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  let version = "";
  try {
    await admin.unsafe(`create database "${name}"`);
    version = String((await admin`show server_version`)[0]?.server_version ?? "");
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    version,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end({ timeout: 5 });
      }
    },
  };
}

// --keep / --reuse-db: a kept database only makes sense with the keys its rows were encrypted with, so they are
// saved beside it (in the OS temp folder, mode 0600; throwaway keys for invented data).

export type Keys = { ENCRYPTION_KEYS: string; ENCRYPTION_KEY_ID: string; BLIND_INDEX_KEY: string; AUTH_SECRET: string };
export type KeptDatabase = {
  name: string;
  url: string;
  version: string;
  keys: Keys;
  people: number;
  seed: number;
  importSeconds: number;
  counts: Record<string, number>;
};

const keptFile = (name: string) => join(tmpdir(), `bench-lookup-${name.replace(/[^\w-]/g, "")}.json`);

/**
 * Saves the kept database's keys, and beside them (same name, .env) the environment a deployment must run with to
 * be measured with `--reuse-db NAME --base-url URL`: `set -a; . FILE; set +a` before starting it.
 */
export function saveKept(k: KeptDatabase, deploymentEnv: Record<string, string>): string {
  const file = keptFile(k.name);
  writeFileSync(file, JSON.stringify(k), { mode: 0o600 });
  writeFileSync(
    envFile(k.name),
    Object.entries(deploymentEnv)
      .map(([key, v]) => `${key}='${v.replace(/'/g, "'\\''")}'\n`)
      .join(""),
    { mode: 0o600 },
  );
  return file;
}

export const envFile = (name: string) => keptFile(name).replace(/\.json$/, ".env");

export function loadKept(name: string): KeptDatabase {
  const file = keptFile(name);
  if (!existsSync(file)) throw new Error(`no kept database ${name} (${file} is missing): run with --keep first`);
  return JSON.parse(readFileSync(file, "utf8")) as KeptDatabase;
}
