import "server-only";
import type { Database } from "@/db/client";
import { enqueueMail } from "@/db/queries/mail";
import { getCurrentIncident } from "@/db/queries/incident";
import {
  claimPendingChallenge,
  findPassengerCandidates,
  listStalePendingChallenges,
  markChallengeResolved,
  recordVerificationEvent,
} from "@/db/queries/verification";
import { passengerLookupIndex } from "@/lib/crypto/blind-index";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import type { VerifyDetails } from "@/lib/forms/verify-details";
import { logError } from "@/lib/log";
import { verificationCodeMail } from "@/lib/mail/templates";
import { generateCode, hashCode } from "./code";

// Resolving a challenge happens after step one's response has been sent (next/server after()), or later in the
// sweeper, so nothing about a match can show in that response: not its wording, not its timing.
// Idempotent and safe on many instances at once: the row is claimed with FOR UPDATE SKIP LOCKED and only a
// pending row is ever resolved.

export type ResolvedStatus = "sent" | "unmatched" | "no_email" | "failed";

const requestAad = (challengeId: string) => aadFor("verification_challenges", "request", challengeId);

/** The typed details, encrypted and bound to the challenge row. */
export const sealChallengeRequest = (challengeId: string, details: VerifyDetails) =>
  encryptField(JSON.stringify({ r: details.bookingRef, n: details.lastName, d: details.dateOfBirth }), requestAad(challengeId));

function openChallengeRequest(challengeId: string, sealed: string): VerifyDetails {
  const v = JSON.parse(decryptField(sealed, requestAad(challengeId))) as { r: string; n: string; d: string };
  return { bookingRef: v.r, lastName: v.n, dateOfBirth: v.d };
}

/**
 * Resolves one pending challenge: finds the passenger, and when exactly one matches and has an email address,
 * queues a code to it. Returns null when the challenge was not pending (done already, or being done elsewhere).
 */
export async function resolveChallenge(db: Database, challengeId: string): Promise<ResolvedStatus | null> {
  return db.transaction(async (tx) => {
    const claimed = await claimPendingChallenge(tx, challengeId);
    if (!claimed) return null;
    let details: VerifyDetails;
    try {
      if (!claimed.requestEnc) throw new Error("challenge has no request");
      details = openChallengeRequest(challengeId, claimed.requestEnc);
    } catch (err) {
      logError("verify.resolve.open", err, { challengeId });
      await markChallengeResolved(tx, challengeId, { status: "failed" });
      return "failed";
    }
    // A code sent now would arrive already expired.
    if (!claimed.live) {
      await markChallengeResolved(tx, challengeId, { status: "failed" });
      return "failed";
    }
    const incident = await getCurrentIncident(tx);
    const candidates = incident ? await findPassengerCandidates(tx, passengerLookupIndex(details.bookingRef, details.lastName), incident.id) : [];
    // Every candidate's date of birth is decrypted and compared, so the work does not depend on which one matches.
    const matches = candidates.filter((c) => {
      const dob = decryptField(c.dobEnc, aadFor("people", "dob", `${c.incidentId}:${c.externalId}`));
      return dob === details.dateOfBirth;
    });
    // Zero, or several people we cannot tell apart (twins on one booking): nobody gets a code; support can help.
    const person = matches.length === 1 ? matches[0]! : null;
    if (!person) {
      await markChallengeResolved(tx, challengeId, { status: "unmatched" });
      return "unmatched";
    }
    const email = person.emailEnc ? decryptField(person.emailEnc, aadFor("people", "email", `${person.incidentId}:${person.externalId}`)) : null;
    if (!email) {
      await markChallengeResolved(tx, challengeId, { status: "no_email", personId: person.personId, bookingId: person.bookingId });
      return "no_email";
    }
    const code = generateCode();
    const mail = verificationCodeMail(person.language, { givenName: person.givenName, code, supportPhone: incident?.supportPhone ?? null });
    await enqueueMail(tx, { kind: "verification_code", to: email, subject: mail.subject, text: mail.text });
    await markChallengeResolved(tx, challengeId, { status: "sent", personId: person.personId, bookingId: person.bookingId, codeHash: hashCode(challengeId, code) });
    await recordVerificationEvent(tx, { action: "verification.code_sent", challengeId, personId: person.personId, bookingId: person.bookingId });
    return "sent";
  });
}

/**
 * Resolves pending challenges left behind (a crashed instance, a request whose after() never ran). Called by the
 * worker and, in the background, when the step-two page loads. `minAgeSeconds` leaves fresh rows to the
 * instance that created them.
 */
export async function sweepPendingChallenges(db: Database, opts: { limit?: number; minAgeSeconds?: number } = {}): Promise<number> {
  const ids = await listStalePendingChallenges(db, opts.minAgeSeconds ?? 5, opts.limit ?? 100);
  let resolved = 0;
  for (const id of ids) {
    try {
      if (await resolveChallenge(db, id)) resolved++;
    } catch (err) {
      logError("verify.sweep", err, { challengeId: id });
    }
  }
  return resolved;
}
