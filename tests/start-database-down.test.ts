import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeDatabaseError } from "@/db/client";

// `npm start` (scripts/start.ts) against a PostgreSQL address where nothing listens: one line that says what is
// wrong and where (never the password), no stack trace, a non-zero exit status, and no build started.

const secrets = mkdtempSync(join(tmpdir(), "portal-start-"));
afterAll(() => rmSync(secrets, { recursive: true, force: true }));

/** A loopback port that was free a moment ago and that nothing listens on now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

function start(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/start.ts"], {
      cwd: resolve("."),
      env,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

describe("npm start with the database unreachable", () => {
  it("says what is wrong in one line and exits non-zero", async () => {
    const port = await closedPort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      APP_ENV: "development",
      DATABASE_URL: `postgres://portal:hunter2-secret@127.0.0.1:${port}/portal`,
      DEV_SECRETS_DIR: secrets,
      PORT: String(port),
    };
    delete env.ENCRYPTION_KEYS;
    delete env.BLIND_INDEX_KEY;
    delete env.AUTH_SECRET;
    const { code, stdout, stderr } = await start(env);
    expect(code).toBe(1);
    const problem = stderr.split("\n").filter((l) => l.includes("Cannot reach"));
    expect(problem).toEqual([
      `Cannot reach PostgreSQL at 127.0.0.1:${port} (database portal): connection refused. Check that the database server is running and that DATABASE_URL is right.`,
    ]);
    // No stack trace, no secret, and it stopped before building or serving.
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr + stdout).not.toContain("hunter2-secret");
    expect(stderr).not.toMatch(/Building|Portal starting/);
  });
});

describe("describeDatabaseError", () => {
  const url = "postgres://u:p@db.internal:6543/portal";
  it("names the failure under drizzle's and Node's wrapping", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const wrapped = new Error("Failed query: select 1", { cause: new AggregateError([refused], "") });
    expect(describeDatabaseError(wrapped, url)).toBe(
      "Cannot reach PostgreSQL at db.internal:6543 (database portal): connection refused. Check that the database server is running and that DATABASE_URL is right.",
    );
    expect(describeDatabaseError(Object.assign(new Error("x"), { code: "CONNECT_TIMEOUT" }), url)).toMatch(
      /: connection timed out\./,
    );
    expect(describeDatabaseError(Object.assign(new Error("x"), { code: "3D000" }), url)).toMatch(
      /: the database does not exist\./,
    );
  });
  it("leaves any other error alone (it keeps its stack)", () => {
    expect(describeDatabaseError(new TypeError("bug"), url)).toBeNull();
    expect(describeDatabaseError(Object.assign(new Error("x"), { code: "23505" }), url)).toBeNull();
  });
});
