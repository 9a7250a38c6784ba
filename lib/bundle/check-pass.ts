import "server-only";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { STAGE_COLUMNS, STAGE_TABLES } from "@/db/queries/import-stage";
import type { ImportSession } from "@/db/queries/import-session";
import { parseCsv } from "./csv";
import { feedFile } from "./feed";
import { FILE_NAMES, HEADERS, type BundleFile } from "./format";
import type { ImportIssue } from "./issues";
import type { JobRunner } from "./pool";
import type { ProgressTracker } from "./progress";
import type { ProtectKeys } from "./protect";

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

/** Checks one file and stages every row of it. */
export async function stageFile(ctx: PassContext, file: BundleFile): Promise<void> {
  const name = FILE_NAMES[file];
  const path = await assertReadable(ctx.dir, file);
  const feed = feedFile(path, {
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
      idBase: null,
      skip: null,
    }),
  });
  const progress = ctx.progress;
  await ctx.s.copyStream(
    STAGE_TABLES[file],
    STAGE_COLUMNS[file],
    (async function* () {
      for await (const outcome of feed) {
        progress.add("check", name, outcome.records);
        yield outcome.copy;
      }
    })(),
  );
  progress.done("check", name);
}
