import "server-only";
import { and, asc, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookingPassengers, bookings, consoleCases, consoleNotes, exposures, incidents, people } from "@/db/schema";

// The call-centre console's rows (lib/agent/callers.ts, lib/agent/case.ts): people found by an exact blind index,
// and the cases agents open for one call. Personal details stay encrypted here.

/** One passenger on one booking, as a search finds them (personal details still encrypted). */
export type CallerRow = {
  personId: number;
  bookingId: number;
  incidentId: string;
  externalId: string;
  givenName: string;
  familyName: string;
  personalEnc: string;
  language: string;
  role: string;
  flightDate: string;
  route: string;
  affected: boolean;
};

const callerColumns = {
  personId: people.id,
  bookingId: bookings.id,
  incidentId: people.incidentId,
  externalId: people.externalId,
  givenName: people.givenName,
  familyName: people.familyName,
  personalEnc: people.personalEnc,
  language: people.language,
  role: bookingPassengers.role,
  flightDate: bookings.flightDate,
  route: bookings.route,
  affected: sql<boolean>`exists (select 1 from ${exposures} where ${exposures.personId} = ${people.id})`,
};

/** Exact matches on one blind index; at most `limit` rows (never a listing). */
export async function findCallerRows(
  db: Database,
  by: { refBidx: string } | { rewardsBidx: string } | { emailBidx: string },
  limit: number,
): Promise<CallerRow[]> {
  const where: SQL =
    "refBidx" in by
      ? eq(bookings.refBidx, by.refBidx)
      : "rewardsBidx" in by
        ? eq(people.rewardsBidx, by.rewardsBidx)
        : eq(people.emailBidx, by.emailBidx);
  const rows = await db
    .select(callerColumns)
    .from(bookingPassengers)
    .innerJoin(people, eq(people.id, bookingPassengers.personId))
    .innerJoin(bookings, eq(bookings.id, bookingPassengers.bookingId))
    .innerJoin(incidents, eq(incidents.id, people.incidentId))
    .where(where)
    .orderBy(asc(bookings.id), sql`${bookingPassengers.role} = 'companion'`, asc(people.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, affected: Boolean(r.affected) }));
}

/** One passenger on one booking (null when that person is not on it). */
export async function getCallerRow(db: Database, personId: number, bookingId: number): Promise<CallerRow | null> {
  const [row] = await db
    .select(callerColumns)
    .from(bookingPassengers)
    .innerJoin(people, eq(people.id, bookingPassengers.personId))
    .innerJoin(bookings, eq(bookings.id, bookingPassengers.bookingId))
    .where(and(eq(bookingPassengers.personId, personId), eq(bookingPassengers.bookingId, bookingId)))
    .limit(1);
  return row ? { ...row, affected: Boolean(row.affected) } : null;
}

export async function insertCase(
  db: Database,
  v: { id: string; agentId: string; personId: number; bookingId: number; codeHash: string; codeExpiresAt: Date },
): Promise<void> {
  await db.insert(consoleCases).values(v);
}

/** A new code supersedes every earlier unverified one for the person: only the newest code in their inbox works. */
export async function supersedeCaseCodes(db: Database, personId: number): Promise<void> {
  await db
    .update(consoleCases)
    .set({ codeHash: null })
    .where(and(eq(consoleCases.personId, personId), isNull(consoleCases.verifiedAt), isNull(consoleCases.closedAt)));
}

export type CaseRow = {
  id: string;
  personId: number;
  bookingId: number;
  verifiedAt: Date | null;
  lastActivityAt: Date;
  closedAt: Date | null;
};

const caseColumns = {
  id: consoleCases.id,
  personId: consoleCases.personId,
  bookingId: consoleCases.bookingId,
  verifiedAt: consoleCases.verifiedAt,
  lastActivityAt: consoleCases.lastActivityAt,
  closedAt: consoleCases.closedAt,
};

/** A case, only when this agent opened it. */
export async function getAgentCase(db: Database, caseId: string, agentId: string): Promise<CaseRow | null> {
  const [row] = await db
    .select(caseColumns)
    .from(consoleCases)
    .where(and(eq(consoleCases.id, caseId), eq(consoleCases.agentId, agentId)))
    .limit(1);
  return row ?? null;
}

/** A code attempt on an open case of this agent: counts it (locking the row) and returns what to check. */
export async function countCaseCodeAttempt(
  db: Database,
  caseId: string,
  agentId: string,
): Promise<{
  personId: number;
  bookingId: number;
  codeHash: string | null;
  attempts: number;
  live: boolean;
  verified: boolean;
  closed: boolean;
} | null> {
  const [row] = await db
    .update(consoleCases)
    .set({ codeAttempts: sql`${consoleCases.codeAttempts} + 1` })
    .where(and(eq(consoleCases.id, caseId), eq(consoleCases.agentId, agentId)))
    .returning({
      personId: consoleCases.personId,
      bookingId: consoleCases.bookingId,
      codeHash: consoleCases.codeHash,
      attempts: consoleCases.codeAttempts,
      live: sql<boolean>`${consoleCases.codeExpiresAt} > now()`,
      verified: sql<boolean>`${consoleCases.verifiedAt} is not null`,
      closed: sql<boolean>`${consoleCases.closedAt} is not null`,
    });
  return row ? { ...row, live: Boolean(row.live), verified: Boolean(row.verified), closed: Boolean(row.closed) } : null;
}

/** The code worked: the case opens, and the code can never be used again. */
export async function markCaseVerified(db: Database, caseId: string, at: Date): Promise<void> {
  await db
    .update(consoleCases)
    .set({ verifiedAt: at, lastActivityAt: at, codeHash: null })
    .where(eq(consoleCases.id, caseId));
}

/** Keeps an open case alive (every view and action). */
export async function touchCase(db: Database, caseId: string, at: Date): Promise<void> {
  await db
    .update(consoleCases)
    .set({ lastActivityAt: at })
    .where(and(eq(consoleCases.id, caseId), isNull(consoleCases.closedAt)));
}

/** Ends a case (once); true when this call ended it. */
export async function closeCase(db: Database, caseId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(consoleCases)
    .set({ closedAt: at, codeHash: null })
    .where(and(eq(consoleCases.id, caseId), isNull(consoleCases.closedAt)))
    .returning({ id: consoleCases.id });
  return rows.length === 1;
}

export async function insertNote(
  db: Database,
  v: { id: string; caseId: string; agentId: string; personId: number; noteEnc: string },
): Promise<void> {
  await db.insert(consoleNotes).values(v);
}

export type NoteRow = { id: string; caseId: string; noteEnc: string; createdAt: Date; agentName: string };

/** The person's call notes, newest first. */
export async function listNoteRows(db: Database, personId: number, limit: number): Promise<NoteRow[]> {
  return db
    .select({
      id: consoleNotes.id,
      caseId: consoleNotes.caseId,
      noteEnc: consoleNotes.noteEnc,
      createdAt: consoleNotes.createdAt,
      agentName: sql<string>`(select display_name from agents where agents.id = ${consoleNotes.agentId})`,
    })
    .from(consoleNotes)
    .where(eq(consoleNotes.personId, personId))
    .orderBy(desc(consoleNotes.createdAt))
    .limit(limit);
}
