import { openDatabase, WORKER_SESSION_NAME } from "@/db/client";
import { readMailBacklog } from "@/db/queries/mail-queue";
import { deleteRateLimitWindowsBefore } from "@/db/queries/rate-limit";
import { deleteChallengesExpiredBefore } from "@/db/queries/verification";
import { env } from "@/lib/env";
import { logError, logInfo } from "@/lib/log";
import { deliverQueuedMail } from "@/lib/mail/deliver";
import { type NoticeRunner, runNoticeWorker } from "@/lib/notices/queue";
import { sweepPendingChallenges } from "@/lib/verification/resolve-challenge";

// `npm run worker`: the background loop. Every few seconds it resolves verification challenges an app instance
// left pending, delivers queued mail (SMTP, or the development outbox), and once an hour drops expired
// challenges and old rate-limit windows. Any number of workers can run next to any number of app instances:
// all the work is claimed in PostgreSQL (SKIP LOCKED), nothing is held in memory.
// The app does the same work right after each request, so the worker is a safety net, not a requirement.
//
//   npm run worker            loop until stopped (SIGINT/SIGTERM finish the current pass)
//   npm run worker -- --once  one pass, then exit (cron, tests)
// Environment: the app's (DATABASE_URL or PGLITE_DIR, keys, SMTP_URL); WORKER_INTERVAL_MS (default 5000).
// With PGlite (one process per data folder) run the worker only while the app is stopped, or use --once.
// Breach notices (lib/notices/queue.ts): while looping, and when SMTP_URL is set, the worker also runs the notice
// sweeps and the reminders on pg-boss (their own schedules, NOTICE_CONCURRENCY sweeps at a time, NOTICE_RATE per
// second shared by all workers). The verification-code mail keeps this loop and its own transport: a code must
// leave within seconds, so it never waits behind a million notices in a queue or a shared rate limit.

const once = process.argv.includes("--once");
const interval = Number(process.env.WORKER_INTERVAL_MS ?? 5000);
const HOUR = 3600_000;

const handle = await openDatabase({ applicationName: WORKER_SESSION_NAME });
let stopping = false;
let lastCleanup = 0;
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => (stopping = true));
let notices: NoticeRunner | undefined;
if (!once && env().SMTP_URL) notices = await runNoticeWorker(handle, () => stopping);
else if (!once) logInfo("worker.notices_off", { reason: "SMTP_URL is not set" });

async function pass(): Promise<void> {
  const resolved = await sweepPendingChallenges(handle.db, { limit: 500, minAgeSeconds: once ? 0 : 5 });
  let sent = 0;
  for (;;) {
    const report = await deliverQueuedMail(handle.db, { limit: 100 });
    sent += report.sent;
    if (report.sent + report.retried + report.failed < 100) break;
  }
  if (Date.now() - lastCleanup > HOUR) {
    lastCleanup = Date.now();
    const day = new Date(Date.now() - 24 * HOUR);
    const challenges = await deleteChallengesExpiredBefore(handle.db, new Date(Date.now() - 7 * 24 * HOUR));
    const windows = await deleteRateLimitWindowsBefore(handle.db, new Date(day.getTime() - 24 * HOUR));
    logInfo("worker.cleanup", { challenges, windows });
  }
  if (resolved || sent) logInfo("worker.pass", { resolved, sent });
  // A mail server that keeps refusing or is away shows as a growing backlog (also on /api/health): say so.
  const backlog = await readMailBacklog(handle.db);
  if (backlog.retrying > 0) logInfo("mail.backlog", backlog);
}

try {
  do {
    try {
      await pass();
    } catch (err) {
      // A database blip must not end the loop; the next pass retries.
      logError("worker.pass", err);
      if (once) process.exitCode = 1;
    }
    if (!once && !stopping) await new Promise((r) => setTimeout(r, interval));
  } while (!once && !stopping);
} finally {
  await notices?.stop();
  await handle.close();
}
