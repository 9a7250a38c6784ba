import "server-only";
import { randomUUID } from "node:crypto";
import { PgBoss } from "pg-boss";
import type { DatabaseHandle } from "@/db/client";
import { env } from "@/lib/env";
import { logError, logInfo } from "@/lib/log";
import { queueDueReminders } from "./reminders";
import { nothingDueSoon, type SweepReport, sweepDueNotices } from "./send";
import { type NoticeTransport, noticeTransport } from "./send-transport";

// The notices on pg-boss (schema "pgboss", created on first start). pg-boss does not carry the notices: it carries
// "sweep" jobs, each of which claims due notices from the notices table and sends them (lib/notices/send.ts). Why:
// the table is the one truth (status, lease, attempts, back-off per notice), so nothing pg-boss does or loses can
// send a notice twice or forget one; pg-boss gives what a hand-made loop would have to re-invent: fan-out to every
// worker (each runs NOTICE_CONCURRENCY sweeps), retries with back-off and a dead-letter queue when a sweep fails
// (the SMTP server or the database away), heartbeats that hand a dead worker's sweep to another, and the cron
// schedules (a sweep every minute; reminders daily).

export const SWEEP_QUEUE = "notice-sweep";
const DEAD_QUEUE = "notice-sweep-dead";
const REMINDER_QUEUE = "notice-reminders";

/** pg-boss on the same database: PGlite's own connection, or a small pool of its own on PostgreSQL. */
export async function startNoticeBoss(handle: DatabaseHandle, opts: { url?: string; schedule?: boolean } = {}) {
  const boss =
    handle.kind === "pglite"
      ? new PgBoss({
          db: (await import("pg-boss")).fromPglite(handle.client),
          backend: "pglite",
          schema: "pgboss",
          schedule: opts.schedule ?? false,
        })
      : new PgBoss({
          connectionString: opts.url ?? env().DATABASE_URL,
          schema: "pgboss",
          max: 4,
          options: "-c application_name=portal-worker",
          schedule: opts.schedule ?? false,
        });
  boss.on("error", (err) => logError("notices.boss", err));
  await boss.start();
  await boss.createQueue(DEAD_QUEUE);
  await boss.createQueue(SWEEP_QUEUE, {
    // At most one queued and one active job per key: the minute's schedule never piles sweeps up.
    policy: "stately",
    retryLimit: 8,
    retryDelay: 15,
    retryBackoff: true,
    retryDelayMax: 900,
    deadLetter: DEAD_QUEUE,
    heartbeatSeconds: 30,
  });
  await boss.createQueue(REMINDER_QUEUE, { policy: "singleton", retryLimit: 5, retryBackoff: true });
  return boss;
}

type Boss = Awaited<ReturnType<typeof startNoticeBoss>>;

/** Asks for `slots` sweeps under `prefix`'s keys (stately: one queued per key at most). */
async function requestSweeps(boss: Boss, prefix: string, slots: number): Promise<void> {
  for (let i = 0; i < slots; i++) await boss.send(SWEEP_QUEUE, {}, { singletonKey: `${prefix}-${i}` });
}

export type NoticeRunner = { stop: () => Promise<void> };

/** What a sender runs with: the environment's, unless a caller (a test, the benchmark) says otherwise. */
export type NoticeSettings = {
  smtpUrl: string | undefined;
  rate: number;
  leaseSeconds: number;
  concurrency: number;
  /** PostgreSQL only: pg-boss's own pool connects here (default DATABASE_URL). */
  url?: string;
};

const settingsFrom = (over: Partial<NoticeSettings>): NoticeSettings => ({
  smtpUrl: env().SMTP_URL,
  rate: env().NOTICE_RATE,
  leaseSeconds: env().NOTICE_LEASE_SECONDS,
  concurrency: env().NOTICE_CONCURRENCY,
  ...over,
});

async function openTransport(s: NoticeSettings): Promise<NoticeTransport> {
  if (!s.smtpUrl) throw new Error("SMTP_URL is required to send notices");
  return noticeTransport(s.smtpUrl, s.concurrency);
}

const sweepOptions = (transport: NoticeTransport, s: NoticeSettings, stopping?: () => boolean) => ({
  transport,
  rate: s.rate,
  leaseSeconds: s.leaseSeconds,
  stopping,
});

/**
 * `notices -- send`: runs NOTICE_CONCURRENCY sweeps of its own until no email notice is due (waiting for leases
 * a killed sender left, which lapse within NOTICE_LEASE_SECONDS), then stops. Returns what it sent.
 */
export async function sendDueNotices(handle: DatabaseHandle, over: Partial<NoticeSettings> = {}): Promise<SweepReport> {
  const s = settingsFrom(over);
  const concurrency = s.concurrency;
  const transport = await openTransport(s);
  const boss = await startNoticeBoss(handle, { url: s.url });
  const total: SweepReport = { sent: 0, retried: 0, undeliverable: 0, cancelled: 0, lost: 0 };
  const run = randomUUID();
  try {
    await new Promise<void>((resolve, reject) => {
      // Done when a sweep of this process finds nothing due and none other is running here. Jobs of this run
      // still queued then (or taken by a worker) find nothing either.
      let active = 0;
      let failure: unknown = null;
      void boss
        .work(SWEEP_QUEUE, { localConcurrency: concurrency, pollingIntervalSeconds: 0.5 }, async () => {
          active++;
          try {
            for (;;) {
              const r = await sweepDueNotices(handle.db, sweepOptions(transport, s));
              for (const k of Object.keys(total) as (keyof SweepReport)[]) total[k] += r[k];
              if (await nothingDueSoon(handle.db, s.leaseSeconds)) break;
            }
          } catch (err) {
            // Kept for the command's exit status, and rethrown so pg-boss records the failed sweep.
            failure ??= err;
            throw err;
          } finally {
            active--;
            if (active === 0 && failure) reject(failure);
            else if (active === 0) resolve();
          }
        })
        .then(() => requestSweeps(boss, `send-${run}`, concurrency))
        .catch(reject);
    });
  } finally {
    await boss.stop({ graceful: true, timeout: 30_000 });
    transport.close();
  }
  return total;
}

/**
 * `npm run worker`: sweeps whenever the minute's schedule asks (NOTICE_CONCURRENCY at a time on this worker) and
 * queues the reminders daily.
 */
export async function runNoticeWorker(
  handle: DatabaseHandle,
  stopping: () => boolean,
  over: Partial<NoticeSettings> = {},
): Promise<NoticeRunner> {
  const s = settingsFrom(over);
  const concurrency = s.concurrency;
  const transport = await openTransport(s);
  const boss = await startNoticeBoss(handle, { url: s.url, schedule: true });
  // Slots for every worker together: several workers share them, each taking up to its own concurrency.
  const slots = concurrency * 4;
  await boss.work(SWEEP_QUEUE, { localConcurrency: concurrency }, async () => {
    await sweepDueNotices(handle.db, sweepOptions(transport, s, stopping));
  });
  await boss.work(REMINDER_QUEUE, async () => {
    const r = await queueDueReminders(handle.db);
    logInfo("notices.reminders", r);
    if (r.queued > 0) await requestSweeps(boss, "slot", slots);
  });
  // The kick: a job per minute on a queue of its own, which asks for the sweeps (schedules carry one job).
  await boss.createQueue("notice-kick", { policy: "singleton" });
  await boss.work("notice-kick", () => requestSweeps(boss, "slot", slots));
  await boss.schedule("notice-kick", "* * * * *");
  await boss.schedule(REMINDER_QUEUE, "15 9 * * *");
  await requestSweeps(boss, "slot", slots);
  return {
    stop: async () => {
      await boss.stop({ graceful: true, timeout: 30_000 });
      transport.close();
    },
  };
}
