import "server-only";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ProtectKeys } from "./protect";
import { runChunkJob, runLookupJob, usePersonIndex, type ChunkJob, type JobResult, type LookupJob } from "./rows";

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
    setPersonIndex: async (sab) => usePersonIndex(sab),
    setBackgroundLimit: () => {},
    close: async () => usePersonIndex(null),
  };
}

type Pending = { resolve: (r: JobResult) => void; reject: (e: Error) => void };
type Outgoing = { id: number; job: Job; priority: number };

export async function workerRunner(keys: ProtectKeys, size = Math.max(1, Math.min(4, availableParallelism()))): Promise<JobRunner> {
  // A clean command line: the entry file sets up TypeScript and `server-only` itself (see worker-entry.mjs).
  const execArgv: string[] = [];
  const entry = new URL("./worker-entry.mjs", import.meta.url);
  const idle: Worker[] = [];
  const queue: Outgoing[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let nextAck = -1;
  const acks = new Map<number, () => void>();
  let failure: Error | null = null;

  // Background jobs (priority > 0: bulk mode's encryption of people, which has slack) may hold at most
  // size - 1 threads by default. With as many threads as cores, letting them take every thread starves what is
  // on the critical path: the checks the database is waiting for, and the database itself. Once the database
  // waits for the background work itself, the importer lifts the limit (setBackgroundLimit).
  let maxBackground = Math.max(1, size - 1);
  let background = 0;
  const busy = new Map<Worker, boolean>();
  const dispatch = () => {
    while (idle.length && queue.length) {
      const head = queue[0]!;
      // The queue is sorted by priority: if the head is a background job, everything behind it is too.
      if (head.priority > 0 && background >= maxBackground) return;
      const w = idle.pop()!;
      const msg = queue.shift()!;
      if (msg.priority > 0) background++;
      busy.set(w, msg.priority > 0);
      const transfer = msg.job.kind === "lookup" ? [] : [msg.job.data.buffer as ArrayBuffer];
      w.postMessage({ id: msg.id, job: msg.job }, transfer);
    }
  };

  const fail = (err: Error) => {
    failure ??= err;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
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
          if (busy.get(w)) background--;
          busy.delete(w);
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
        // The queue is short (each feed keeps a small window in flight): a linear insert is enough.
        let at = queue.length;
        while (at > 0 && queue[at - 1]!.priority > priority) at--;
        queue.splice(at, 0, { id, job, priority });
        dispatch();
      });
    },
    async setPersonIndex(sab) {
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
      maxBackground = Math.max(1, Math.min(size, threads));
      dispatch();
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
