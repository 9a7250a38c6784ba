import "server-only";
import { access } from "node:fs/promises";
import { join } from "node:path";
import type { ImportSession } from "@/db/queries/import-session";
import { STAGE_COLUMNS, STAGE_TABLES } from "@/db/queries/import-stage";
import { parseCsv } from "./csv";
import { feedFile } from "./feed";
import { type BundleFile, FILE_NAMES, HEADERS } from "./format";
import type { ImportIssue } from "./issues";
import type { PersonIndexBuilder } from "./person-index";
import type { JobRunner } from "./pool";
import type { ProgressTracker } from "./progress";
import type { ProtectKeys } from "./protect";
import { Spool } from "./spool";

// Pass 1: each CSV file is parsed and checked row by row on the worker threads and copied, with its verdicts,
// into its staging table. Nothing is encrypted yet, so a bad bundle is refused quickly.

export type PassContext = {
  s: ImportSession;
  runner: JobRunner;
  keys: ProtectKeys;
  dir: string;
  incidentId: string;
  today: number;
  progress: ProgressTracker;
};

/** A problem with a whole file (missing, unreadable header): the import cannot go on, even skipping rows. */
export class FatalBundleError extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.reason);
    this.name = "FatalBundleError";
  }
}

export function headerProblem(file: BundleFile, bytes: Uint8Array): string | null {
  const expected = HEADERS[file].join(",");
  if (bytes.length === 0) return `file is empty (the first line must be "${expected}")`;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "header is not valid UTF-8";
  }
  const [record] = parseCsv(text);
  const got = record?.fields ?? [];
  if (record?.error || got.join(",") !== expected || got.length !== HEADERS[file].length) {
    return `header must be exactly "${expected}"`;
  }
  return null;
}

export async function assertReadable(dir: string, file: BundleFile): Promise<string> {
  const path = join(dir, FILE_NAMES[file]);
  try {
    await access(path);
  } catch {
    throw new FatalBundleError({ file: FILE_NAMES[file], line: null, reason: "file is missing" });
  }
  return path;
}

export type StageOptions = {
  /** Bulk mode with a person index: ids are `idBase + line` (see rows.ts, person-index.ts). */
  indexed?: { idBase: number; keys?: PersonIndexBuilder };
};

function checkFeed(ctx: PassContext, file: BundleFile, path: string, opts: StageOptions) {
  const name = FILE_NAMES[file];
  return feedFile(path, {
    runner: ctx.runner,
    priority: 0,
    onHeader: (header) => {
      const problem = headerProblem(file, header);
      if (problem) throw new FatalBundleError({ file: name, line: 1, reason: problem });
    },
    job: (chunk) => ({
      kind: "check",
      file,
      data: chunk.data,
      startLine: chunk.startLine,
      incidentId: ctx.incidentId,
      today: ctx.today,
      idBase: opts.indexed?.idBase ?? null,
      skip: null,
      indexed: opts.indexed !== undefined,
    }),
  });
}

/**
 * Checks one file and stages every row of it (people: collecting the person index's keys if asked). Returns
 * how many rows broke a row rule.
 */
export async function stageFile(ctx: PassContext, file: BundleFile, opts: StageOptions = {}): Promise<number> {
  const name = FILE_NAMES[file];
  const feed = checkFeed(ctx, file, await assertReadable(ctx.dir, file), opts);
  const progress = ctx.progress;
  const keys = opts.indexed?.keys;
  let bad = 0;
  await ctx.s.copyStream(
    STAGE_TABLES[file],
    STAGE_COLUMNS[file],
    (async function* () {
      for await (const outcome of feed) {
        progress.add("check", name, outcome.records);
        if (keys && outcome.keys) keys.add(outcome.keys);
        bad += outcome.bad;
        yield outcome.copy;
      }
    })(),
  );
  progress.done("check", name);
  return bad;
}

/**
 * Bulk mode with a person index: checks exposures.csv and copies the rows it can place straight into the
 * exposures table; the others (bad rows, unknown or rejected people) go to staging for the rules. Returns the
 * number of rows copied into exposures.
 */
export async function stageExposuresDirect(ctx: PassContext, idBase: number): Promise<number> {
  const name = FILE_NAMES.exposures;
  const feed = checkFeed(ctx, "exposures", await assertReadable(ctx.dir, "exposures"), { indexed: { idBase } });
  const progress = ctx.progress;
  const staged = await Spool.create();
  let direct = 0;
  try {
    await ctx.s.copyStream(
      "exposures",
      ["person_id", "category", "detail_enc"],
      (async function* () {
        for await (const outcome of feed) {
          progress.add("check", name, outcome.records);
          if (outcome.copy.length) await staged.append(outcome.copy);
          direct += outcome.directRows ?? 0;
          if (outcome.direct?.length) yield outcome.direct;
        }
        await staged.end();
      })(),
    );
    await ctx.s.copyStream(STAGE_TABLES.exposures, STAGE_COLUMNS.exposures, staged.read());
  } finally {
    await staged.dispose();
  }
  progress.done("check", name);
  return direct;
}
