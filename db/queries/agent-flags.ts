import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { bookingPassengers, bookings, companionFlags, exposures, people } from "@/db/schema";
import { decryptField } from "@/lib/crypto/field-encryption";
import type { AgentFlagDto, FlagStatus } from "@/lib/dto/agent";
import { recordAgentEvent, recordAgentViews } from "./audit";
import { companionFlagEmailAad } from "./companions";

// The agents' side of companion flags (travellers raise them on /my/companions, db/queries/companions.ts): a
// queue of flags to act on, oldest new one first, and marking one as notified. Every read and change is in
// audit_events with the agent's id (ids only).

const companion = alias(people, "companion");
const flagger = alias(people, "flagger");

export async function countFlagsByStatus(db: Database): Promise<Record<FlagStatus, number>> {
  const rows = await db
    .select({ status: companionFlags.status, n: sql<number>`count(*)::int` })
    .from(companionFlags)
    .groupBy(companionFlags.status);
  const counts: Record<FlagStatus, number> = { new: 0, notified: 0 };
  for (const r of rows) if (r.status === "new" || r.status === "notified") counts[r.status] = Number(r.n);
  return counts;
}

/**
 * Flags in one status: new ones in the order they were first asked for (a queue: asking again does not send a
 * request to the back), notified ones most recently handled first.
 */
export async function listFlagsForAgents(db: Database, status: FlagStatus, limit = 100): Promise<AgentFlagDto[]> {
  return (await readFlags(db, status, limit)).map((r) => r.dto);
}

/**
 * What an agent's queue page shows, recorded as read by that agent: one audit event per flag shown, naming the
 * companion and the booking, so "who has seen this person's contact details" has an answer.
 */
export async function readFlagQueueAsAgent(
  db: Database,
  agentId: string,
  status: FlagStatus,
  limit = 100,
): Promise<AgentFlagDto[]> {
  const rows = await readFlags(db, status, limit);
  await recordAgentViews(db, agentId, "companion_flag.viewed", rows);
  return rows.map((r) => r.dto);
}

async function readFlags(
  db: Database,
  status: FlagStatus,
  limit: number,
): Promise<Array<{ dto: AgentFlagDto; personId: number; bookingId: number }>> {
  const rows = await db
    .select({
      id: companionFlags.id,
      status: companionFlags.status,
      createdAt: companionFlags.createdAt,
      updatedAt: companionFlags.updatedAt,
      bookingId: companionFlags.bookingId,
      companionPersonId: companionFlags.companionPersonId,
      contactEmailEnc: companionFlags.contactEmailEnc,
      companionGiven: companion.givenName,
      companionFamily: companion.familyName,
      companionEmailOnFile: sql<boolean>`(${companion.emailBidx} is not null)`,
      companionAffected: sql<boolean>`exists (select 1 from ${exposures} where ${exposures.personId} = ${companion.id})`,
      flaggerGiven: flagger.givenName,
      flaggerFamily: flagger.familyName,
      flaggerRole: bookingPassengers.role,
      flightDate: bookings.flightDate,
      route: bookings.route,
    })
    .from(companionFlags)
    .innerJoin(companion, eq(companion.id, companionFlags.companionPersonId))
    .innerJoin(flagger, eq(flagger.id, companionFlags.flaggedByPersonId))
    .innerJoin(bookings, eq(bookings.id, companionFlags.bookingId))
    // Left join: a flag stays in the queue (and in the counts) even if its author is no longer on the booking.
    .leftJoin(
      bookingPassengers,
      and(
        eq(bookingPassengers.bookingId, companionFlags.bookingId),
        eq(bookingPassengers.personId, companionFlags.flaggedByPersonId),
      ),
    )
    .where(eq(companionFlags.status, status))
    .orderBy(status === "new" ? asc(companionFlags.createdAt) : desc(companionFlags.updatedAt), asc(companionFlags.id))
    .limit(limit);
  return rows.map((r) => ({
    personId: r.companionPersonId,
    bookingId: r.bookingId,
    dto: {
      id: r.id,
      status: r.status as FlagStatus,
      flaggedAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      companionName: `${r.companionGiven} ${r.companionFamily}`,
      companionAffected: Boolean(r.companionAffected),
      companionEmailOnFile: Boolean(r.companionEmailOnFile),
      contactEmail: r.contactEmailEnc
        ? decryptField(r.contactEmailEnc, companionFlagEmailAad(r.bookingId, r.companionPersonId))
        : null,
      flaggedByName: `${r.flaggerGiven} ${r.flaggerFamily}`,
      flaggedByRole: r.flaggerRole === "booker" || r.flaggerRole === "companion" ? r.flaggerRole : null,
      flightDate: r.flightDate,
      route: r.route,
    },
  }));
}

export type MarkOutcome = "notified" | "already" | "not_found";

/** Marks a new flag as notified, with its audit event, in one transaction. */
export async function markFlagNotified(db: Database, flagId: string, agentId: string): Promise<MarkOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(companionFlags)
      .set({ status: "notified", updatedAt: sql`now()` })
      .where(and(eq(companionFlags.id, flagId), eq(companionFlags.status, "new")))
      .returning({ bookingId: companionFlags.bookingId, personId: companionFlags.companionPersonId });
    if (!row) {
      const [existing] = await tx
        .select({ id: companionFlags.id })
        .from(companionFlags)
        .where(eq(companionFlags.id, flagId))
        .limit(1);
      return existing ? "already" : "not_found";
    }
    await recordAgentEvent(tx, {
      agentId,
      action: "companion_flag.notified",
      personId: row.personId,
      bookingId: row.bookingId,
    });
    return "notified";
  });
}

/** True when the flag exists (an agent may act on any flag; the id must still name one). */
export async function flagExists(db: Database, flagId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: companionFlags.id })
    .from(companionFlags)
    .where(eq(companionFlags.id, flagId))
    .limit(1);
  return Boolean(row);
}
