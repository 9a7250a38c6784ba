import "server-only";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { logError } from "@/lib/log";
import { deliverQueuedMail } from "./deliver";

/**
 * Delivers queued mail once the response has gone, so the person does not wait on the mail server and a
 * message queued by an action (an enrolment confirmation, say) goes out without waiting for the worker.
 * Whatever is left (a crash, a slow server) stays queued for the worker (scripts/worker.ts) to retry.
 */
export function deliverMailAfterResponse(context: string): void {
  after(async () => {
    try {
      await deliverQueuedMail(await getDb(), { limit: 10 });
    } catch (err) {
      logError(`${context}.deliver-after`, err);
    }
  });
}
