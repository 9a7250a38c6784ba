import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { tempDir } from "./bundle-fixtures";
import { type TestDatabase, testDbKind } from "./test-db";

// Running one of the project's command-line tools as a child process, against the test's database: on the
// postgres project its DATABASE_URL, on pglite a PGlite folder of its own (PGlite admits one process, so the
// test opens that folder only between runs).

export type CliResult = { code: number | null; stdout: string; stderr: string };

export type CliHarness = {
  run: (args: string[], stdin?: string | null) => Promise<CliResult>;
  /** Runs `fn` on the database the tool wrote to. */
  onDb: <T>(fn: (handle: DatabaseHandle) => Promise<T>) => Promise<T>;
  pgliteDir: string | null;
  /** Where the tool keeps its development secrets (a test may write dev-secrets.json there to share its keys). */
  secretsDir: string;
};

export function cliHarness(t: TestDatabase, script: string, prefix: string): CliHarness {
  const secrets = tempDir(prefix);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APP_ENV: "test",
    DEV_SECRETS_DIR: secrets,
    DATABASE_URL: "",
    PGLITE_DIR: "",
  };
  delete env.ENCRYPTION_KEYS;
  delete env.BLIND_INDEX_KEY;
  let pgliteDir: string | null = null;
  if (testDbKind() === "postgres") env.DATABASE_URL = t.url;
  else env.PGLITE_DIR = pgliteDir = join(secrets, "pglite");
  return {
    pgliteDir,
    secretsDir: secrets,
    run: (args, stdin = null) =>
      new Promise((done, fail) => {
        const child = spawn(resolve("node_modules/.bin/tsx"), ["--conditions=react-server", script, ...args], {
          env,
          cwd: resolve("."),
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", fail);
        child.on("close", (code) => done({ code, stdout, stderr }));
        child.stdin.end(stdin ?? "");
      }),
    onDb: async (fn) => {
      if (!pgliteDir) return fn(t);
      const h = await openDatabase({ dataDir: pgliteDir });
      try {
        return await fn(h);
      } finally {
        await h.close();
      }
    },
  };
}
