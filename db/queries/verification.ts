import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db/client";
import { bookingPassengers, people, verificationChallenges } from "@/db/schema";

// Verification challenges: one row per step-one request, matched or not. The typed details are encrypted and
// kept only until the row is resolved; the code is stored as a keyed hash, never in clear.

export type ChallengeStatus =
  | "pending"
  | "sent"
  | "unmatched"
  | "no_email"
  | "capped"
  | "superseded"
  | "verified"
  | "failed";

/** What redeeming sees after counting the attempt (the row stays locked until the transaction ends). */
export type CountedAttempt = {
  status: ChallengeStatus;
  codeHash: string | null;
  attempts: number;
  live: boolean;
  consumed: boolean;
  /** A newer code went to the same person (belt and braces: resolving also marks older challenges superseded). */
  superseded: boolean;
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
    superseded: boolean;
    person_id: number | string | null;
    booking_id: number | string | null;
  }>(
    await tx.execute(sql`
      update verification_challenges c set attempts = attempts + 1
      where id = ${id}
      returning status, code_hash, attempts, expires_at > now() as live, consumed_at is not null as consumed,
        exists (select 1 from verification_challenges o
          where o.person_id = c.person_id and o.status = 'sent' and o.created_at > c.created_at) as superseded,
        person_id, booking_id`),
  );
  if (!row) return null;
  return {
    status: row.status,
    codeHash: row.code_hash,
    attempts: Number(row.attempts),
    live: row.live,
    consumed: row.consumed,
    superseded: row.superseded,
    personId: row.person_id === null ? null : Number(row.person_id),
    bookingId: row.booking_id === null ? null : Number(row.booking_id),
  };
}

/** The person a challenge's code was sent to (null: unknown id, not matched, not resolved yet). */
export async function personOfChallenge(db: Database, id: string): Promise<number | null> {
  const [row] = await db
    .select({ personId: verificationChallenges.personId })
    .from(verificationChallenges)
    .where(eq(verificationChallenges.id, id));
  return row?.personId ?? null;
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
  const [row] = await db
    .select({ attempts: verificationChallenges.attempts })
    .from(verificationChallenges)
    .where(eq(verificationChallenges.id, id));
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

/** Housekeeping: removes challenges long past their expiry (the audit trail keeps the ids that matter). */
export async function deleteChallengesExpiredBefore(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(verificationChallenges)
    .where(lt(verificationChallenges.expiresAt, before))
    .returning({ id: verificationChallenges.id });
  return rows.length;
}
