import "server-only";
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import {
  type CallerRow,
  countCaseCodeAttempt,
  findCallerRows,
  getCallerRow,
  insertCase,
  markCaseVerified,
  supersedeCaseCodes,
} from "@/db/queries/console";
import { getIncident } from "@/db/queries/incident";
import { countAttempt, refundAttempt } from "@/db/queries/rate-limit";
import type { AgentSession } from "@/lib/auth/agent";
import { bookingRefIndex, emailIndex, rewardsIndex } from "@/lib/crypto/blind-index";
import { openPersonal } from "@/lib/crypto/personal-details";
import type { CallerResultDto } from "@/lib/dto/console";
import { env } from "@/lib/env";
import type { CallerSearchValues } from "@/lib/forms/agent-case";
import { enqueueMail } from "@/lib/mail/queue";
import { consoleCodeMail } from "@/lib/mail/templates";
import { normaliseBookingRef } from "@/lib/normalise";
import { codeAttemptBuckets, codeMailBuckets, countAgentSearch } from "@/lib/rate-limit";
import { isMinorOn, toIsoDate } from "@/lib/traveller/dates";
import { maskedNameOf } from "@/lib/traveller/initials";
import { maskEmail } from "@/lib/traveller/mask";
import { CODE_TTL_SECONDS, codeMatches, generateCode, hashCode, MAX_CODE_ATTEMPTS } from "@/lib/verification/code";

// Finding a caller and proving who they are. The caller's booking reference, name and date of birth are in the
// stolen data: they identify but never verify. A search is an exact match on one blind index (no partial match,
// no listing), limited per agent and audited with its kind and index, never the typed value; each result shown is
// audited too. Verification is a one-time code mailed to the address on file, read back by the caller: the
// agent never sees the address, and nothing here can change it.

/** Never a listing: a booking has a handful of passengers, an email or rewards ID a few bookings. */
const MAX_RESULTS = 20;
/** How long a result's handle stays usable: the length of a call, not a shift. */
const HANDLE_TTL_SECONDS = 15 * 60;

export type SearchOutcome =
  | { status: "ok"; results: CallerResultDto[] }
  | { status: "limited"; retryAfterSeconds: number };

let handleKey: Buffer | undefined;
const mac = (payload: string) => {
  handleKey ??= createHmac("sha256", Buffer.from(env().BLIND_INDEX_KEY, "base64")).update("console-handle").digest();
  return createHmac("sha256", handleKey).update(payload).digest("base64url");
};

/** A handle names one passenger on one booking for one agent, for a while; it is signed, so it cannot be edited. */
function makeHandle(agentId: string, personId: number, bookingId: number, now: Date): string {
  const exp = Math.floor(now.getTime() / 1000) + HANDLE_TTL_SECONDS;
  const body = `${personId}.${bookingId}.${exp}`;
  return `${body}.${mac(`${agentId}.${body}`)}`;
}

function openHandle(agentId: string, handle: string, now: Date): { personId: number; bookingId: number } | null {
  const m = /^(\d{1,15})\.(\d{1,15})\.(\d{1,12})\.([\w-]{43})$/.exec(handle);
  if (!m) return null;
  const expected = Buffer.from(mac(`${agentId}.${m[1]}.${m[2]}.${m[3]}`));
  const given = Buffer.from(m[4]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Number(m[3]) < now.getTime() / 1000) return null;
  return { personId: Number(m[1]), bookingId: Number(m[2]) };
}

const indexOf = (v: CallerSearchValues) =>
  v.kind === "booking"
    ? { refBidx: bookingRefIndex(v.value) }
    : v.kind === "rewards"
      ? { rewardsBidx: rewardsIndex(v.value) }
      : { emailBidx: emailIndex(v.value) };

/** What a result shows: a minor by initials only (a child's name is not read to whoever is on the line). */
function toResult(agentId: string, r: CallerRow, reference: string | null, now: Date): CallerResultDto {
  const personal = openPersonal(r.personalEnc, r.incidentId, r.externalId);
  const minor = isMinorOn(personal.dateOfBirth, toIsoDate(now));
  return {
    handle: makeHandle(agentId, r.personId, r.bookingId, now),
    name: maskedNameOf(r.givenName, r.familyName, minor),
    email: personal.email ? maskEmail(personal.email) : null,
    reference,
    route: r.route,
    flightDate: r.flightDate,
    role: r.role === "booker" ? "booker" : "companion",
    affected: r.affected,
  };
}

/** One exact-match search, counted against the agent's limits and audited (kind and blind index only). */
export async function searchCallers(
  db: Database,
  agent: AgentSession,
  v: CallerSearchValues,
  ctx: { requestId?: string } = {},
  now = new Date(),
): Promise<SearchOutcome> {
  const actor = { type: "agent", agentId: agent.agentId } as const;
  const index = indexOf(v);
  const detail = `kind=${v.kind};bidx=${Object.values(index)[0]}`;
  const decision = await countAgentSearch(db, agent.agentId);
  if (decision.firstOver) {
    // Many searches in a few minutes: the pattern of someone harvesting records. Supervisors filter on this action.
    await recordAudit(db, actor, "agent.search_burst", {}, { reason: "burst", requestId: ctx.requestId, detail });
  }
  if (!decision.allowed) {
    await recordAudit(db, actor, "agent.search_limited", {}, { requestId: ctx.requestId, detail });
    return { status: "limited", retryAfterSeconds: decision.retryAfterSeconds };
  }
  const rows = await findCallerRows(db, index, MAX_RESULTS);
  await recordAudit(
    db,
    actor,
    "agent.search",
    {},
    { requestId: ctx.requestId, detail: `${detail};results=${rows.length}` },
  );
  await recordAudit(
    db,
    actor,
    "agent.search_result_shown",
    rows.map((r) => ({ personId: r.personId, bookingId: r.bookingId })),
    { requestId: ctx.requestId, detail: `kind=${v.kind}` },
  );
  const reference = v.kind === "booking" ? normaliseBookingRef(v.value) : null;
  return { status: "ok", results: rows.map((r) => toResult(agent.agentId, r, reference, now)) };
}

export type SendCodeOutcome =
  | { status: "sent"; caseId: string }
  | { status: "no_email" }
  | { status: "limited" }
  | { status: "invalid" };

/**
 * Emails a one-time code to the person's address on file, in their language, and opens an unverified case for it.
 * The same rules as the web's codes (lib/verification/code.ts): hashed, 10 minutes, one use, a few tries, and the
 * person's code-email budget (VERIFY_CODE_MAIL_LIMIT) shared with the web. A person with no email on file gets
 * nothing: the agent is told the personal notice code from their letter is the way (issue #12).
 */
export async function sendCallerCode(
  db: Database,
  agent: AgentSession,
  handle: string,
  ctx: { requestId?: string } = {},
  now = new Date(),
): Promise<SendCodeOutcome> {
  const actor = { type: "agent", agentId: agent.agentId } as const;
  const target = openHandle(agent.agentId, handle, now);
  const row = target ? await getCallerRow(db, target.personId, target.bookingId) : null;
  if (!target || !row) return { status: "invalid" };
  const subject = { personId: row.personId, bookingId: row.bookingId };
  const email = openPersonal(row.personalEnc, row.incidentId, row.externalId).email;
  if (!email) {
    await recordAudit(db, actor, "console.code_no_email", subject, { requestId: ctx.requestId });
    return { status: "no_email" };
  }
  const budget = await countAttempt(db, codeMailBuckets(row.personId));
  if (!budget.allowed) {
    await recordAudit(db, actor, "console.code_capped", subject, { requestId: ctx.requestId });
    return { status: "limited" };
  }
  const incident = await getIncident(db, row.incidentId);
  if (!incident) throw new Error("caller's incident not found");
  const caseId = randomUUID();
  const code = generateCode();
  await db.transaction(async (tx) => {
    await supersedeCaseCodes(tx, row.personId);
    await insertCase(tx, {
      id: caseId,
      agentId: agent.agentId,
      ...subject,
      codeHash: hashCode(caseId, code),
      codeExpiresAt: new Date(now.getTime() + CODE_TTL_SECONDS * 1000),
    });
    const mail = consoleCodeMail(row.language, {
      organisation: incident.organisation,
      givenName: row.givenName,
      code,
      supportPhone: incident.supportPhone,
    });
    await enqueueMail(tx, { kind: "console_code", to: email, ...mail });
    await recordAudit(tx, actor, "console.code_sent", { ...subject, ref: caseId }, { requestId: ctx.requestId });
  });
  return { status: "sent", caseId };
}

export type CheckCodeOutcome = "verified" | "wrong" | "not_found";

/**
 * The code the caller read out. Counted against the person's and the agent's client's budgets of failed codes
 * (the web's VERIFY_CODE_LIMIT_PERSON and _IP) and on the case itself (MAX_CODE_ATTEMPTS); every attempt audited.
 * Only the agent who opened the case can use it; a right code opens the case and is gone.
 */
export async function checkCallerCode(
  db: Database,
  agent: AgentSession,
  input: { caseId: string; code: string },
  ctx: { ip: string; requestId?: string },
  now = new Date(),
): Promise<CheckCodeOutcome> {
  const actor = { type: "agent", agentId: agent.agentId } as const;
  const result = await db.transaction(async (tx) => {
    const attempt = await countCaseCodeAttempt(tx, input.caseId, agent.agentId);
    if (!attempt) {
      // Another agent's case, a closed-and-gone one or a made-up id: recorded too, with nothing about anyone.
      await recordAudit(
        tx,
        actor,
        "console.verify_failed",
        { ref: input.caseId },
        {
          requestId: ctx.requestId,
          reason: "not_found",
        },
      );
      return { outcome: "not_found" as const, attempt };
    }
    const buckets = codeAttemptBuckets({ personId: attempt.personId, ip: ctx.ip });
    const budget = await countAttempt(tx, buckets);
    const matches = codeMatches(attempt.codeHash, input.caseId, input.code);
    const ok =
      budget.allowed &&
      matches &&
      attempt.live &&
      !attempt.verified &&
      !attempt.closed &&
      attempt.attempts <= MAX_CODE_ATTEMPTS;
    const subject = { personId: attempt.personId, bookingId: attempt.bookingId, ref: input.caseId };
    if (ok) {
      await markCaseVerified(tx, input.caseId, now);
      await refundAttempt(tx, [...buckets.first, ...buckets.after]);
    }
    const reason = ok ? undefined : !budget.allowed ? "limited" : !matches ? "wrong_code" : "expired_or_used";
    await recordAudit(tx, actor, ok ? "console.verified" : "console.verify_failed", subject, {
      requestId: ctx.requestId,
      reason,
    });
    return { outcome: ok ? ("verified" as const) : ("wrong" as const), attempt };
  });
  return result.outcome;
}
