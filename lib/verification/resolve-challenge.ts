import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { countAttempts, refundAttempt } from "@/db/queries/rate-limit";
import {
  findPassengerCandidates,
  getPendingChallenge,
  listStalePendingChallenges,
  type PendingChallengeRow,
  type Resolution,
  writeResolutions,
} from "@/db/queries/verification-resolve";
import { passengerLookupIndex } from "@/lib/crypto/blind-index";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { openPersonal } from "@/lib/crypto/personal-details";
import type { VerifyDetails } from "@/lib/forms/verify-details";
import { logError } from "@/lib/log";
import { verificationCodeMail } from "@/lib/mail/templates";
import { codeMailBuckets, type VerificationLimitPolicy } from "@/lib/rate-limit";
import { generateCode, hashCode } from "./code";
import { countMetric } from "./metrics";

// Resolving challenges happens after step one's response has been sent (next/server after(), batched by
// resolver-queue.ts), or later in the sweeper, so nothing about a match can show in that response: not its
// wording, not its timing. Any batch size costs two statements: one read of every candidate, one write of every
// outcome (conditional on the challenge still being pending, so racing resolvers cannot mail twice).

export type ResolvedStatus = "sent" | "unmatched" | "no_email" | "capped" | "superseded" | "failed";

/** A challenge to resolve: its typed details (null when they could not be read back) and whether it is still live. */
export type ChallengeToResolve = { id: string; details: VerifyDetails | null; live: boolean };

const requestAad = (challengeId: string) => aadFor("verification_challenges", "request", challengeId);

/** The typed details, encrypted and bound to the challenge row. */
export const sealChallengeRequest = (challengeId: string, details: VerifyDetails) =>
  encryptField(
    JSON.stringify({ r: details.bookingRef, n: details.lastName, d: details.dateOfBirth }),
    requestAad(challengeId),
  );

function openChallengeRequest(row: PendingChallengeRow): ChallengeToResolve {
  try {
    if (!row.requestEnc) throw new Error("challenge has no request");
    const v = JSON.parse(decryptField(row.requestEnc, requestAad(row.id))) as { r: string; n: string; d: string };
    return { id: row.id, details: { bookingRef: v.r, lastName: v.n, dateOfBirth: v.d }, live: row.live };
  } catch (err) {
    logError("verify.resolve.open", err, { challengeId: row.id });
    return { id: row.id, details: null, live: row.live };
  }
}

/**
 * Resolves many challenges: for each, finds the passenger, and when exactly one matches and has an email address,
 * queues a code to it (unless that person already had VERIFY_CODE_MAIL_LIMIT codes), superseding their older ones. Returns the outcome of each challenge this call resolved (one resolved elsewhere first is
 * left out).
 */
export async function resolveChallenges(
  db: Database,
  batch: ChallengeToResolve[],
  opts: { policy?: VerificationLimitPolicy } = {},
): Promise<Map<string, ResolvedStatus>> {
  return (await resolveBatch(db, batch, opts)).outcomes;
}

/** resolveChallenges, also naming the code emails it queued (so they can be delivered first: codes expire). */
export async function resolveBatch(
  db: Database,
  batch: ChallengeToResolve[],
  opts: { policy?: VerificationLimitPolicy } = {},
): Promise<{ outcomes: Map<string, ResolvedStatus>; mailIds: string[] }> {
  // A code sent for an expired challenge would arrive already expired; unreadable details cannot match anyone.
  const open = batch.filter((c) => c.details && c.live);
  const candidates = await findPassengerCandidates(
    db,
    open.map((c) => passengerLookupIndex(c.details!.bookingRef, c.details!.lastName)),
  );
  const byLookup = new Map<number, typeof candidates>();
  for (const c of candidates) byLookup.set(c.lookup, [...(byLookup.get(c.lookup) ?? []), c]);

  const resolutions: Resolution[] = batch
    .filter((c) => !(c.details && c.live))
    .map((c) => ({ id: c.id, status: "failed" as const }));
  const matched: { challenge: ChallengeToResolve; person: (typeof candidates)[number]; email: string }[] = [];
  for (const [i, challenge] of open.entries()) {
    // Every candidate's details are decrypted and compared, so the work does not depend on which one matches.
    const matches = (byLookup.get(i) ?? [])
      .map((c) => ({ c, personal: openPersonal(c.personalEnc, c.incidentId, c.externalId) }))
      .filter((m) => m.personal.dateOfBirth === challenge.details!.dateOfBirth);
    // Zero, or several people we cannot tell apart (twins on one booking): nobody gets a code; support can help.
    const match = matches.length === 1 ? matches[0]! : null;
    if (!match) {
      resolutions.push({ id: challenge.id, status: "unmatched" });
      continue;
    }
    const person = match.c;
    const email = match.personal.email;
    if (!email) {
      resolutions.push({
        id: challenge.id,
        status: "no_email",
        personId: person.personId,
        bookingId: person.bookingId,
      });
      continue;
    }
    matched.push({ challenge, person, email });
  }

  // Two challenges for one person in one batch: only the newest gets a code (it would supersede the other anyway).
  const newest = new Map(matched.map((m) => [m.person.personId, m.challenge.id]));
  const toMail = matched.filter((m) => {
    if (newest.get(m.person.personId) === m.challenge.id) return true;
    resolutions.push({
      id: m.challenge.id,
      status: "superseded",
      personId: m.person.personId,
      bookingId: m.person.bookingId,
    });
    return false;
  });
  // Never more than a few code emails per person, however many people ask for them (VERIFY_CODE_MAIL_LIMIT). A
  // refused one sends nothing and supersedes nothing: the code the person already has keeps working.
  const mailDecisions = await countAttempts(
    db,
    toMail.map((m) => codeMailBuckets(m.person.personId, opts.policy)),
  );
  for (const [k, { challenge, person, email }] of toMail.entries()) {
    if (!mailDecisions[k]!.allowed) {
      countMetric("portal_verify_code_mail_capped_total");
      resolutions.push({ id: challenge.id, status: "capped", personId: person.personId, bookingId: person.bookingId });
      continue;
    }
    const code = generateCode();
    const content = verificationCodeMail(person.language, {
      organisation: person.organisation,
      givenName: person.givenName,
      code,
      // Resolution follows the request within seconds (after the response, or the sweeper's next pass).
      requestedAt: new Date(),
      supportPhone: person.supportPhone,
    });
    const mailId = randomUUID();
    resolutions.push({
      id: challenge.id,
      status: "sent",
      personId: person.personId,
      bookingId: person.bookingId,
      codeHash: hashCode(challenge.id, code),
      mail: {
        id: mailId,
        kind: "verification_code",
        subject: content.subject,
        toEnc: encryptField(email, aadFor("mail_outbox", "to", mailId)),
        bodyEnc: encryptField(content.text, aadFor("mail_outbox", "body", mailId)),
      },
    });
  }

  const resolved = await writeResolutions(db, resolutions);
  const mine = resolutions.filter((r) => resolved.has(r.id));
  // A code this call counted but another resolver's outcome won: give the person's budget back.
  const lost = toMail.filter((m, k) => mailDecisions[k]!.allowed && !resolved.has(m.challenge.id));
  for (const m of lost) await refundAttempt(db, codeMailBuckets(m.person.personId, opts.policy).after);
  return {
    outcomes: new Map(mine.map((r) => [r.id, r.status])),
    mailIds: mine.flatMap((r) => (r.status === "sent" ? [r.mail.id] : [])),
  };
}

/** Resolves one challenge by id, reading its sealed details back. Null when it was not pending. */
export async function resolveChallenge(db: Database, challengeId: string): Promise<ResolvedStatus | null> {
  const row = await getPendingChallenge(db, challengeId);
  if (!row) return null;
  return (await resolveChallenges(db, [openChallengeRequest(row)])).get(challengeId) ?? null;
}

/**
 * Resolves pending challenges left behind (a crashed instance, a request whose after() never ran). Called by the
 * worker and, in the background, when the step-two page loads. `minAgeSeconds` leaves fresh rows to the
 * instance that created them.
 */
export async function sweepPendingChallenges(
  db: Database,
  opts: { limit?: number; minAgeSeconds?: number } = {},
): Promise<number> {
  const rows = await listStalePendingChallenges(db, opts.minAgeSeconds ?? 5, opts.limit ?? 100);
  if (rows.length === 0) return 0;
  try {
    return (await resolveChallenges(db, rows.map(openChallengeRequest))).size;
  } catch (err) {
    logError("verify.sweep", err, { challenges: rows.length });
    return 0;
  }
}
