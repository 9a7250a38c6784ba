import "server-only";
import type { Database } from "@/db/client";
import { logError } from "@/lib/log";
import { deliverQueuedMail } from "@/lib/mail/deliver";
import { resolveBatch, type ChallengeToResolve } from "./resolve-challenge";

// Group resolution: step-one requests that arrive together are resolved together, in one batch of two statements
// (plus one mail delivery round), instead of a handful of round trips each. While a batch is running, new
// challenges wait for the next one, so batches grow with load and stay at one under light traffic.
//
// This is a per-instance *hint*, not state: every challenge is already a pending row in PostgreSQL before it gets
// here, so if the instance dies with challenges queued, the sweeper (scripts/worker.ts, or any step-two page
// load) resolves them from the database. Instances stay stateless and interchangeable.

const MAX_BATCH = 200;

type Waiting = { challenge: ChallengeToResolve; done: () => void };

let waiting: Waiting[] = [];
let running = false;

async function drain(db: Database): Promise<void> {
  running = true;
  try {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_BATCH);
      waiting = waiting.slice(MAX_BATCH);
      try {
        const { mailIds } = await resolveBatch(db, batch.map((w) => w.challenge));
        // Exactly the codes just queued, whatever else waits in the queue (the worker drains that).
        if (mailIds.length > 0) await deliverQueuedMail(db, { ids: mailIds });
      } catch (err) {
        // The challenges stay pending; the sweeper finishes them.
        logError("verify.resolve.batch", err, { challenges: batch.length });
      } finally {
        for (const w of batch) w.done();
      }
    }
  } finally {
    running = false;
  }
}

/**
 * Queues a challenge for the next batch; the promise settles when its batch is done (it never rejects), so
 * after() keeps the work alive on platforms that would otherwise freeze the instance.
 */
export function resolveSoon(db: Database, challenge: ChallengeToResolve): Promise<void> {
  return new Promise<void>((done) => {
    waiting.push({ challenge, done });
    // Let the other requests of this event-loop turn join before the first batch starts.
    if (!running) {
      running = true;
      setImmediate(() => void drain(db));
    }
  });
}
