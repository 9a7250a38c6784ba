import "server-only";
import { after } from "next/server";
import { getDb } from "@/db/client";
import type { VerifyDetails } from "@/lib/forms/verify-details";
import { logError } from "@/lib/log";
import { deliverQueuedMail } from "@/lib/mail/deliver";
import { sweepPendingChallenges } from "./resolve-challenge";
import { resolveSoon } from "./resolver-queue";

// Work that must not happen before the response is sent: it is where the portal learns (and acts on) whether the
// typed details match someone. If it fails or the instance dies, the challenge stays pending and the sweeper
// (scripts/worker.ts, or the next step-two page load anywhere) finishes it.

/** Resolves a just-started challenge after the response, in a batch with its neighbours (resolver-queue.ts). */
export function resolveAfterResponse(challengeId: string, details: VerifyDetails): void {
  after(async () => {
    try {
      await resolveSoon(await getDb(), { id: challengeId, details, live: true });
    } catch (err) {
      logError("verify.after", err, { challengeId });
    }
  });
}

export function sweepAfterResponse(): void {
  after(async () => {
    try {
      const db = await getDb();
      await sweepPendingChallenges(db, { limit: 20 });
      await deliverQueuedMail(db, { limit: 20 });
    } catch (err) {
      logError("verify.sweep-after", err);
    }
  });
}
