import "server-only";
import type { Database } from "@/db/client";
import {
  type ClaimedNotice,
  claimDueEmailNotices,
  getNoticeKind,
  markNoticeCancelled,
  markNoticeRetry,
  markNoticeSent,
  markNoticeUndeliverable,
  nextEmailNoticeDue,
  renewNoticeLease,
  takeRateTokens,
} from "@/db/queries/notices";
import type { NoticeKind } from "@/db/schema";
import { logError, logInfo } from "@/lib/log";
import { composeNoticeEmail } from "./compose";
import type { NoticeTransport } from "./send-transport";

// One sweep: claim → send → record, until no email notice is due. The notices table is the only truth: a claim
// leases the notice (due_at moves to the lease's end, attempts + 1 is the claim's token), the send happens only
// while the lease is surely still held, and the record is ONE conditional UPDATE right after the SMTP
// server's answer. So a sender killed at any moment leaves its notices queued: the one it was sending comes back
// after its lease and goes out again with the same Message-ID (the only possible repeat, recognisable as one);
// every other one was either recorded or never handed to the server. A second sender can never hold the same
// notice at once (SKIP LOCKED claims, lease, token; the lease renewed under the token once half of it has gone).

export type SweepReport = { sent: number; retried: number; undeliverable: number; cancelled: number; lost: number };

export type SweepOptions = {
  transport: NoticeTransport;
  /** Notices per second shared by every sender (0: no limit). */
  rate: number;
  leaseSeconds: number;
  /** Notices claimed at a time. */
  batch?: number;
  /** Stop early (the worker is shutting down): what is claimed and not sent goes back after its lease. */
  stopping?: () => boolean;
};

/** Temporary failures before a notice is given up on as email and sent by letter. */
export const MAX_EMAIL_ATTEMPTS = 10;

/** Back-off after the n-th failed attempt: doubling from one minute, capped at six hours. */
export const retryDelaySeconds = (attempts: number) => Math.min(6 * 3600, 60 * 2 ** Math.max(0, attempts - 1));

const RATE_BUCKET = "notices.send";

/** An SMTP answer: 5xx refuses for good, anything else (4xx, a dropped or refused connection) may pass later. */
export function classifySmtpError(err: unknown): { error: string; permanent: boolean; connection: boolean } {
  const e = err as { name?: string; code?: string; responseCode?: number };
  const code = typeof e?.responseCode === "number" ? e.responseCode : null;
  return {
    error: [e?.name ?? "Error", e?.code, code].filter(Boolean).join(" "),
    permanent: code !== null && code >= 500,
    // No SMTP answer at all: the server is away, so the whole sweep stops and pg-boss retries it with back-off.
    connection: code === null,
  };
}

/** What a letter replacing a bounced email is: the same notice, except a companion's (their own initial). */
function letterKindFor(kind: NoticeKind): NoticeKind | null {
  // A typed address belongs to nobody on file: its companion gets their own initial notice through prepare.
  if (kind === "companion_contact") return null;
  if (kind === "companion") return "initial";
  return kind;
}

class RateGate {
  private allowance = 0;
  constructor(
    private readonly db: Database,
    private readonly rate: number,
  ) {}
  /** Waits for one send's token (taken from the shared window a few at a time). */
  async take(want: number): Promise<void> {
    if (this.rate <= 0) return;
    while (this.allowance === 0) {
      const { granted, msLeft } = await takeRateTokens(this.db, {
        bucket: RATE_BUCKET,
        want: Math.max(1, Math.min(want, Math.ceil(this.rate / 4))),
        limit: this.rate,
      });
      this.allowance = granted;
      if (granted === 0) await new Promise((r) => setTimeout(r, msLeft));
    }
    this.allowance--;
  }
}

/** Sends due email notices until none is due (or `stopping`). Throws when the SMTP server cannot be reached. */
export async function sweepDueNotices(db: Database, opts: SweepOptions): Promise<SweepReport> {
  const report: SweepReport = { sent: 0, retried: 0, undeliverable: 0, cancelled: 0, lost: 0 };
  const gate = new RateGate(db, opts.rate);
  const batch = opts.batch ?? 25;
  try {
    for (;;) {
      if (opts.stopping?.()) break;
      const claimed = await claimDueEmailNotices(db, { limit: batch, leaseSeconds: opts.leaseSeconds });
      if (claimed.length === 0) break;
      // The claim's lease ends `leaseSeconds` after the claim statement ran, so until half of it has passed on
      // this process's own monotonic clock nobody can have taken these notices over: no renewal needed (one
      // round trip saved per notice). After that, each is renewed under its token before it is sent.
      const safeUntil = performance.now() + (opts.leaseSeconds * 1000) / 2;
      for (let i = 0; i < claimed.length; i++) {
        if (opts.stopping?.()) break;
        await gate.take(claimed.length - i);
        const outcome = await sendOne(db, claimed[i]!, opts, performance.now() < safeUntil);
        report[outcome]++;
      }
    }
  } finally {
    if (report.sent + report.retried + report.undeliverable + report.cancelled + report.lost > 0)
      logInfo("notices.sweep", report);
  }
  return report;
}

async function sendOne(
  db: Database,
  n: ClaimedNotice,
  opts: SweepOptions,
  leaseHeld: boolean,
): Promise<keyof SweepReport> {
  if (!leaseHeld && !(await renewNoticeLease(db, n, opts.leaseSeconds))) return "lost";
  const mail = await composeNoticeEmail(db, n.id);
  if (!mail) {
    await markNoticeCancelled(db, n);
    return "cancelled";
  }
  try {
    await opts.transport.send(mail);
  } catch (err) {
    const { error, permanent, connection } = classifySmtpError(err);
    logError("notices.send", err, { noticeId: n.id, attempts: n.attempts, permanent });
    if (permanent || n.attempts >= MAX_EMAIL_ATTEMPTS) {
      const info = await getNoticeKind(db, n.id);
      await markNoticeUndeliverable(db, n, { error, letterKind: info ? letterKindFor(info.kind) : null });
      return "undeliverable";
    }
    await markNoticeRetry(db, n, { error, retryAfterSeconds: retryDelaySeconds(n.attempts) });
    if (connection) throw err;
    return "retried";
  }
  // The one window: the server has it, this UPDATE has not run. A crash here re-sends it with the same Message-ID.
  if (!(await markNoticeSent(db, n))) {
    logError("notices.send", new Error("claim lost after sending"), { noticeId: n.id });
  }
  return "sent";
}

/**
 * True when no email notice is due within `withinSeconds` (a lease a killed sender left, or a short back-off):
 * `notices -- send` then has nothing left to do. Otherwise waits a moment (at most a second: the notices seen may
 * be leased by a live sweep that records them any moment) and answers false, so the caller sweeps again.
 */
export async function nothingDueSoon(db: Database, withinSeconds: number): Promise<boolean> {
  const due = await nextEmailNoticeDue(db, withinSeconds);
  if (!due) return true;
  const wait = Math.min(1000, Math.max(0, due.getTime() - Date.now()) + 20);
  await new Promise((r) => setTimeout(r, wait));
  return false;
}
