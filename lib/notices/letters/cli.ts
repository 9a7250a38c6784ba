import "server-only";
import { accessSync, chmodSync, constants, mkdirSync, readdirSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client";
import { ConcurrentRunError, printLetters } from "./print";

// npm run notices -- letters --out DIR [--batch-size N]
//
// Writes the due letters into DIR (created 0700 if missing; an existing DIR must be an empty, writable
// directory): per batch of 1,000 a PDF and its manifest CSV, both 0600. Progress on stderr, one JSON line on
// stdout: {"letters":…,"batches":…,"pages":…,"undeliverable":…,"out":…}. Exit codes: 0 done, 2 usage or a bad
// --out (nothing changed), 3 any other failure (batches already written stay written and marked).

const USAGE = "usage: npm run notices -- letters --out DIR [--batch-size N]";

type Io = { out: (s: string) => void; err: (s: string) => void };
const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

class BadOutError extends Error {}

/** The output folder, ready: refuses anything that exists and is not an empty directory we can write to. */
export function prepareOutDir(dir: string): string {
  const out = resolve(dir);
  let exists = true;
  try {
    statSync(out);
  } catch {
    exists = false;
  }
  if (exists) {
    if (!statSync(out).isDirectory()) throw new BadOutError(`--out ${out} exists and is not a directory`);
    if (readdirSync(out).length > 0) throw new BadOutError(`--out ${out} is not empty: give a new or empty folder`);
    try {
      accessSync(out, constants.W_OK);
    } catch {
      throw new BadOutError(`--out ${out} is not writable`);
    }
  } else {
    try {
      mkdirSync(out, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw new BadOutError(`--out ${out} cannot be created (${(err as { code?: string }).code ?? "error"})`);
    }
  }
  try {
    chmodSync(out, 0o700);
  } catch {
    throw new BadOutError(`--out ${out}: cannot restrict it to its owner (mode 0700)`);
  }
  return out;
}

export async function runLettersCommand(argv: string[], io: Io = stdio): Promise<number> {
  let out: string;
  let batchSize: number | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: "string" }, "batch-size": { type: "string" } },
    });
    if (positionals.length || !values.out) throw new Error("usage");
    batchSize = values["batch-size"] === undefined ? undefined : Number(values["batch-size"]);
    if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 100_000))
      throw new Error("usage");
    out = values.out;
  } catch {
    io.err(`${USAGE}\n`);
    return 2;
  }
  try {
    out = prepareOutDir(out);
  } catch (err) {
    if (err instanceof BadOutError) {
      io.err(`letters: ${err.message}. Nothing was changed.\n`);
      return 2;
    }
    throw err;
  }

  io.err(
    `letters: the manifest CSV files written to ${out} hold mailing addresses in plain text (the only plaintext address output): give them to the mail house only, and delete them once the letters are mailed.\n`,
  );
  let handle: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    handle = await openDatabase();
    const report = await printLetters(handle.db, {
      out,
      batchSize,
      onProgress: (done, total) => io.err(`letters: ${done}/${total}\n`),
    });
    io.out(`${JSON.stringify({ ...report, out })}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ConcurrentRunError) {
      io.err(`letters: ${err.message}\n`);
      return 3;
    }
    // Never the message of a driver error: it may quote a value.
    io.err(`letters: ${(err as Error).name}: could not complete (${(err as { code?: string }).code ?? "no code"})\n`);
    return 3;
  } finally {
    await handle?.close();
  }
}
