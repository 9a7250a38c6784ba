import "server-only";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { JobQueue } from "./job-queue";
import type { ProtectKeys } from "./protect";
import { adoptPersonIndex, type ChunkJob, type JobResult, type LookupJob, runChunkJob, runLookupJob } from "./rows";

// Runs importer jobs on worker threads (encryption and HMAC are the bulk of an import's CPU time), or inline on
// the main thread for small bundles, where starting threads would cost more than it saves.

export type Job = ChunkJob | LookupJob;

export interface JobRunner {
  readonly size: number;
  /** Lower `priority` numbers run first (checks before bulk encryption); equal priorities run in order. */
  run(job: Job, priority?: number): Promise<JobResult>;
  /** Hands every thread the person index (shared memory, not copied) for indexed jobs. */
  setPersonIndex(sab: SharedArrayBuffer | null): Promise<void>;
  /** How many threads background jobs (priority > 0) may hold at once; by default all but one. */
  setBackgroundLimit(threads: number): void;
  close(): Promise<void>;
}

export function inlineRunner(keys?: ProtectKeys): JobRunner {
  return {
    size: 1,
    run: async (job) => (job.kind === "lookup" ? runLookupJob(job, keys) : runChunkJob(job, keys)),
    setPersonIndex: async (sab) => adoptPersonIndex(sab),
    setBackgroundLimit: () => {},
    close: async () => adoptPersonIndex(null),
  };
}

type Pending = { resolve: (r: JobResult) => void; reject: (e: Error) => void };
type Outgoing = { id: number; job: Job };

export async function workerRunner(
  keys: ProtectKeys,
  size = Math.max(1, Math.min(4, availableParallelism())),
): Promise<JobRunner> {
  // A clean command line: the entry file sets up TypeScript and `server-only` itself (see worker-entry.mjs).
  const execArgv: string[] = [];
  const entry = new URL("./worker-entry.mjs", import.meta.url);
  const idle: Worker[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let nextAck = -1;
  const acks = new Map<number, () => void>();
  let failure: Error | null = null;

  const queue = new JobQueue<Outgoing>(size);
  // Which workers run a background job (so its end frees a background slot).
  const runsBackground = new Map<Worker, boolean>();
  const dispatch = () => {
    while (idle.length) {
      const next = queue.take();
      if (!next) return;
      const w = idle.pop()!;
      runsBackground.set(w, next.background);
      const msg = next.item;
      const transfer = msg.job.kind === "lookup" ? [] : [msg.job.data.buffer as ArrayBuffer];
      w.postMessage({ id: msg.id, job: msg.job }, transfer);
    }
  };

  let closing = false;
  // A thread that fails or stops fails the run: every job waiting on any thread is rejected, and every
  // setPersonIndex waiting for an acknowledgement is released (a dead thread would never send one, and the
  // importer awaits it in a finally block while holding its table locks).
  const fail = (err: Error) => {
    failure ??= err;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
    for (const release of [...acks.values()]) release();
  };

  const workers = await Promise.all(
    Array.from({ length: size }, () => {
      // A larger young generation: jobs allocate many short-lived strings and buffers, and fewer scavenges
      // save about a tenth of the CPU time.
      const w = new Worker(entry, { workerData: keys, execArgv, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      return new Promise<Worker>((resolve, reject) => {
        w.once("error", reject);
        w.on("message", (msg: { ready?: boolean; id?: number; result?: JobResult; error?: string }) => {
          if (msg.ready) {
            w.off("error", reject);
            w.on("error", (e) => fail(new Error(`import worker failed: ${e.message}`)));
            w.on("exit", (code) => closing || fail(new Error(`import worker stopped (exit code ${code})`)));
            resolve(w);
            return;
          }
          if (msg.id! < 0) {
            // An acknowledgement of setPersonIndex: not a job, the worker stays where it was.
            acks.get(msg.id!)?.();
            return;
          }
          const p = pending.get(msg.id!);
          pending.delete(msg.id!);
          queue.done(runsBackground.get(w) ?? false);
          runsBackground.delete(w);
          idle.push(w);
          if (p) {
            if (msg.error) p.reject(new Error(`import worker: ${msg.error}`));
            else p.resolve(msg.result!);
          }
          dispatch();
        });
      });
    }),
  );
  idle.push(...workers);

  return {
    size,
    run(job, priority = 0) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<JobResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        queue.push({ id, job }, priority);
        dispatch();
      });
    },
    async setPersonIndex(sab) {
      // After a failure: setting an index fails too; clearing one (clean-up) has nothing left to do.
      if (failure) {
        if (sab) throw failure;
        return;
      }
      // Sent straight to every worker; job messages already queued on a worker run after it.
      await Promise.all(
        workers.map((w) => {
          const id = nextAck--;
          return new Promise<void>((resolve) => {
            acks.set(id, () => {
              acks.delete(id);
              resolve();
            });
            w.postMessage({ id, personIndex: sab });
          });
        }),
      );
    },
    setBackgroundLimit(threads) {
      queue.setBackgroundLimit(threads);
      dispatch();
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
