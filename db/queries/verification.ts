import "server-only";
import { and, asc, eq, lt, sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import { auditEvents, bookingPassengers, people, verificationChallenges } from "@/db/schema";

// Verification challenges: one row per step-one request, matched or not. The typed details are encrypted and
// kept only until the row is resolved; the code is stored as a keyed hash, never in clear.

export type ChallengeStatus = "pending" | "sent" | "unmatched" | "no_email" | "verified" | "failed";

export async function insertChallenge(
  db: Database,
  c: { id: string; requestEnc: string; language: string; ttlSeconds: number },
): Promise<void> {
  await db.insert(verificationChallenges).values({
    id: c.id,
    status: "pending",
    requestEnc: c.requestEnc,
    language: c.language,
    expiresAt: sql`now() + make_interval(secs => ${c.ttlSeconds}::int)`,
  });
}

/** A pending challenge claimed for resolution (row-locked until the surrounding transaction ends). */
export type ClaimedChallenge = { id: string; requestEnc: string | null; language: string; live: boolean };

/**
 * Locks one pending challenge for the current transaction, or returns null when it is already resolved or another
 * instance is resolving it right now (SKIP LOCKED: nobody waits, nobody resolves twice).
 */
export async function claimPendingChallenge(tx: Database, id: string): Promise<ClaimedChallenge | null> {
  const [row] = rowsOf<{ id: string; request_enc: string | null; language: string; live: boolean }>(
    await tx.execute(sql`
      select id, request_enc, language, expires_at > now() as live
      from verification_challenges
      where id = ${id} and status = 'pending'
      for update skip locked`),
  );
  return row ? { id: row.id, requestEnc: row.request_enc, language: row.language, live: row.live } : null;
}

/** Pending challenges older than `minAgeSeconds` (left behind by a crash or a busy instance), oldest first. */
export async function listStalePendingChallenges(db: Database, minAgeSeconds: number, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: verificationChallenges.id })
    .from(verificationChallenges)
    .where(and(eq(verificationChallenges.status, "pending"), lt(verificationChallenges.createdAt, sql`now() - make_interval(secs => ${minAgeSeconds}::int)`)))
    .orderBy(asc(verificationChallenges.createdAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** A passenger whose booking reference and last name match what was typed (fields still encrypted). */
export type PassengerCandidate = {
  personId: number;
  bookingId: number;
  incidentId: string;
  externalId: string;
  givenName: string;
  dobEnc: string;
  emailEnc: string | null;
  language: string;
};

export async function findPassengerCandidates(db: Database, lookupBidx: string, incidentId: string): Promise<PassengerCandidate[]> {
  return db
    .select({
      personId: people.id,
      bookingId: bookingPassengers.bookingId,
      incidentId: people.incidentId,
      externalId: people.externalId,
      givenName: people.givenName,
      dobEnc: people.dobEnc,
      emailEnc: people.emailEnc,
      language: people.language,
    })
    .from(bookingPassengers)
    .innerJoin(people, eq(people.id, bookingPassengers.personId))
    .where(and(eq(bookingPassengers.lookupBidx, lookupBidx), eq(people.incidentId, incidentId)))
    .limit(20);
}

/** Records the outcome of resolving a challenge and wipes the typed details. */
export async function markChallengeResolved(
  tx: Database,
  id: string,
  outcome:
    | { status: "sent"; personId: number; bookingId: number; codeHash: string }
    | { status: "no_email"; personId: number; bookingId: number }
    | { status: "unmatched" | "failed" },
): Promise<void> {
  await tx
    .update(verificationChallenges)
    .set({
      status: outcome.status,
      requestEnc: null,
      personId: "personId" in outcome ? outcome.personId : null,
      bookingId: "bookingId" in outcome ? outcome.bookingId : null,
      codeHash: outcome.status === "sent" ? outcome.codeHash : null,
    })
    .where(and(eq(verificationChallenges.id, id), eq(verificationChallenges.status, "pending")));
}

/** What redeeming sees after counting the attempt (the row stays locked until the transaction ends). */
export type CountedAttempt = {
  status: ChallengeStatus;
  codeHash: string | null;
  attempts: number;
  live: boolean;
  consumed: boolean;
  personId: number | null;
  bookingId: number | null;
};

/**
 * Counts one code attempt on any challenge, whatever its state: every challenge (matched or not) runs out of
 * tries after the same number of attempts, so "too many tries" says nothing about a match.
 */
export async function countCodeAttempt(tx: Database, id: string): Promise<CountedAttempt | null> {
  const [row] = rowsOf<{
    status: ChallengeStatus;
    code_hash: string | null;
    attempts: number;
    live: boolean;
    consumed: boolean;
    person_id: number | string | null;
    booking_id: number | string | null;
  }>(
    await tx.execute(sql`
      update verification_challenges set attempts = attempts + 1
      where id = ${id}
      returning status, code_hash, attempts, expires_at > now() as live, consumed_at is not null as consumed, person_id, booking_id`),
  );
  if (!row) return null;
  return {
    status: row.status,
    codeHash: row.code_hash,
    attempts: Number(row.attempts),
    live: row.live,
    consumed: row.consumed,
    personId: row.person_id === null ? null : Number(row.person_id),
    bookingId: row.booking_id === null ? null : Number(row.booking_id),
  };
}

/** Marks a challenge used: it can never be redeemed again. */
export async function markChallengeVerified(tx: Database, id: string): Promise<void> {
  await tx
    .update(verificationChallenges)
    .set({ status: "verified", consumedAt: sql`now()`, codeHash: null })
    .where(eq(verificationChallenges.id, id));
}

/** Attempts made on a challenge so far (for the step-two message), or null for an unknown id. */
export async function getChallengeAttempts(db: Database, id: string): Promise<number | null> {
  const [row] = await db.select({ attempts: verificationChallenges.attempts }).from(verificationChallenges).where(eq(verificationChallenges.id, id));
  return row ? row.attempts : null;
}

/** The incident of a person still on a booking, or null when the binding no longer holds. */
export async function incidentOfPassenger(db: Database, personId: number, bookingId: number): Promise<string | null> {
  const [row] = await db
    .select({ incidentId: people.incidentId })
    .from(bookingPassengers)
    .innerJoin(people, eq(people.id, bookingPassengers.personId))
    .where(and(eq(bookingPassengers.personId, personId), eq(bookingPassengers.bookingId, bookingId)))
    .limit(1);
  return row?.incidentId ?? null;
}

/** Ids only, never personal data. */
export async function recordVerificationEvent(
  db: Database,
  e: { action: "verification.code_sent" | "verification.verified"; challengeId: string; personId: number; bookingId: number },
): Promise<void> {
  await db.insert(auditEvents).values({ actorType: "traveller", actorId: e.challengeId, action: e.action, personId: e.personId, bookingId: e.bookingId });
}

/** Housekeeping: removes challenges long past their expiry (the audit trail keeps the ids that matter). */
export async function deleteChallengesExpiredBefore(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(verificationChallenges)
    .where(lt(verificationChallenges.expiresAt, before))
    .returning({ id: verificationChallenges.id });
  return rows.length;
}
