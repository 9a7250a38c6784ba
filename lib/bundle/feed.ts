import "server-only";
import { type Chunk, chunkFile } from "./chunker";
import type { JobRunner } from "./pool";
import type { ChunkJob, JobResult } from "./rows";

// Streams one CSV file through the job runner: chunks are processed in parallel, results come back in file
// order, and at most `window` chunks are in flight, so memory does not grow with the file.

export type ChunkOutcome = JobResult & { startLine: number; endLine: number };

export type FeedOptions = {
  runner: JobRunner;
  /** Builds the job for a chunk (the data is transferred to the worker). */
  job: (chunk: Chunk) => ChunkJob;
  /** Called with the header record before any data chunk. */
  onHeader: (header: Uint8Array) => void;
  priority?: number;
  window?: number;
};

export async function* feedFile(path: string, opts: FeedOptions): AsyncGenerator<ChunkOutcome> {
  const window = opts.window ?? opts.runner.size * 2 + 1;
  const inFlight: Array<Promise<ChunkOutcome>> = [];
  let header = true;
  try {
    for await (const chunk of chunkFile(path)) {
      if (header) {
        header = false;
        opts.onHeader(chunk.data);
        continue;
      }
      const { startLine, endLine } = chunk;
      inFlight.push(opts.runner.run(opts.job(chunk), opts.priority).then((r) => ({ ...r, startLine, endLine })));
      if (inFlight.length >= window) yield await inFlight.shift()!;
    }
    while (inFlight.length) yield await inFlight.shift()!;
  } finally {
    // Do not leave rejected promises unobserved when the consumer stops early.
    for (const p of inFlight) p.catch(() => {});
  }
}
