import "server-only";
import type { Database } from "@/db/client";
import { coalesce, coalescePer } from "@/lib/coalesce";
import { logError } from "@/lib/log";
import { deliverQueuedMail } from "@/lib/mail/deliver";
import { type ChallengeToResolve, resolveBatch } from "./resolve-challenge";

// Group resolution: step-one requests that arrive together are resolved together, in one batch of two statements
// (plus one mail delivery round), instead of a handful of round trips each (lib/coalesce.ts).
// This is a per-instance *hint*, not state: every challenge is already a pending row in PostgreSQL before it gets
// here, so if the instance dies with challenges queued, the sweeper (scripts/worker.ts, or any step-two page
// load) resolves them from the database. Instances stay stateless and interchangeable.

// Small batches: resolving is synchronous crypto work, and a long batch would hold up other requests on this
// event loop (tail latency); the round trips saved flatten out well before this size.
const MAX_BATCH = 32;

const resolverFor = coalescePer((db: Database) =>
  coalesce<ChallengeToResolve, void>(
    async (batch) => {
      try {
        const { mailIds } = await resolveBatch(db, batch);
        // Exactly the codes just queued, whatever else waits in the queue (the worker drains that).
        if (mailIds.length > 0) await deliverQueuedMail(db, { ids: mailIds });
      } catch (err) {
        // The challenges stay pending; the sweeper finishes them.
        logError("verify.resolve.batch", err, { challenges: batch.length });
      }
      return batch.map(() => undefined);
    },
    { maxBatch: MAX_BATCH },
  ),
);

/**
 * Queues a challenge for the next batch; the promise settles when its batch is done (it never rejects), so
 * after() keeps the work alive on platforms that would otherwise freeze the instance.
 */
export const resolveSoon = (db: Database, challenge: ChallengeToResolve): Promise<void> => resolverFor(db)(challenge);
