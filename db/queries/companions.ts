import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import {
  bookingPassengers,
  companionContactAddresses,
  companionFlags,
  exposures,
  monitoringEnrolments,
  people,
} from "@/db/schema";
import type { TravellerSession } from "@/lib/auth/traveller";

// The other passengers on the session booking, and the flags travellers raise for them. Rows in, rows out: the
// rules (who is a minor, initials, what a page may see) are in lib/traveller/companions.ts.

export type CompanionRow = {
  personId: number;
  incidentId: string;
  externalId: string;
  givenName: string;
  familyName: string;
  /** The encrypted personal details; null unless the caller asked for them (`personal: true`). */
  personalEnc: string | null;
  hasEmailOnFile: boolean;
  affected: boolean;
  flagged: boolean;
  enrolled: boolean;
  /** The address the session person gave for this companion (encrypted) and its flag; null when none. */
  myAddress: { flagId: string; emailEnc: string } | null;
};

/**
 * Everyone else on the session booking, ordered by record id (a companion's `ref` is its 1-based position here).
 * The encrypted personal details are read only when `personal` is true: by default nothing a caller could decrypt.
 */
export async function listCompanionRows(
  db: Database,
  s: TravellerSession,
  opts: { personal?: boolean } = {},
): Promise<CompanionRow[]> {
  const rows = await db
    .select({
      personId: people.id,
      incidentId: people.incidentId,
      externalId: people.externalId,
      givenName: people.givenName,
      familyName: people.familyName,
      personalEnc: opts.personal ? people.personalEnc : sql<null>`null`,
      hasEmail: sql<boolean>`(${people.emailBidx} is not null)`,
      affected: sql<boolean>`exists (select 1 from ${exposures} where ${exposures.personId} = ${people.id})`,
      flagged: sql<boolean>`exists (select 1 from ${companionFlags} where ${companionFlags.bookingId} = ${s.bookingId} and ${companionFlags.companionPersonId} = ${people.id})`,
      enrolled: sql<boolean>`exists (select 1 from ${monitoringEnrolments} where ${monitoringEnrolments.personId} = ${people.id})`,
      // Only what the session person gave themselves: never an address someone else gave.
      myAddress: sql<
        string | null
      >`(select json_build_object('flagId', ${companionFlags.id}, 'emailEnc', ${companionContactAddresses.emailEnc})::text
        from ${companionContactAddresses} join ${companionFlags} on ${companionFlags.id} = ${companionContactAddresses.flagId}
        where ${companionFlags.bookingId} = ${s.bookingId} and ${companionFlags.companionPersonId} = ${people.id}
        and ${companionContactAddresses.givenByPersonId} = ${s.personId})`,
    })
    .from(bookingPassengers)
    .innerJoin(people, eq(people.id, bookingPassengers.personId))
    .where(
      and(
        eq(bookingPassengers.bookingId, s.bookingId),
        ne(bookingPassengers.personId, s.personId),
        eq(people.incidentId, s.incidentId),
        // Defence in depth: the session is re-checked on every request, but the viewer must be on this booking.
        sql`exists (select 1 from ${bookingPassengers} as viewer where viewer.booking_id = ${s.bookingId} and viewer.person_id = ${s.personId})`,
      ),
    )
    .orderBy(asc(people.id));
  return rows.map(({ hasEmail, personalEnc, myAddress, ...r }) => ({
    ...r,
    myAddress: myAddress ? (JSON.parse(myAddress) as { flagId: string; emailEnc: string }) : null,
    personalEnc: personalEnc ?? null,
    hasEmailOnFile: Boolean(hasEmail),
    affected: Boolean(r.affected),
    flagged: Boolean(r.flagged),
    enrolled: Boolean(r.enrolled),
  }));
}

/** One person's encrypted personal details (the flagged companion's, when a rule needs their age). */
export async function getPersonalRow(
  db: Database,
  personId: number,
): Promise<{ incidentId: string; externalId: string; personalEnc: string } | null> {
  const [row] = await db
    .select({ incidentId: people.incidentId, externalId: people.externalId, personalEnc: people.personalEnc })
    .from(people)
    .where(eq(people.id, personId))
    .limit(1);
  return row ?? null;
}

/**
 * The flag for a companion on a booking, created on first request. `reopen` puts an existing flag back to "new"
 * (a new contact address for an agent to notice). `created` tells a first flag from a repeat.
 */
export async function upsertCompanionFlag(
  db: Database,
  v: { bookingId: number; companionPersonId: number; flaggedByPersonId: number; reopen: boolean },
): Promise<{ id: string; created: boolean }> {
  const [row] = await db
    .insert(companionFlags)
    .values({ bookingId: v.bookingId, companionPersonId: v.companionPersonId, flaggedByPersonId: v.flaggedByPersonId })
    .onConflictDoUpdate({
      target: [companionFlags.bookingId, companionFlags.companionPersonId],
      set: {
        status: v.reopen ? sql`'new'` : sql`${companionFlags.status}`,
        updatedAt: sql`now()`,
      },
    })
    // xmax is 0 only on a freshly inserted row version: tells a first flag from a repeat in one statement.
    .returning({ id: companionFlags.id, created: sql<boolean>`(xmax = 0)` });
  if (!row) throw new Error("companion flag upsert returned no row");
  return { id: row.id, created: Boolean(row.created) };
}

/** Keeps the address one passenger gave for a flagged companion (replacing only that passenger's earlier one). */
export async function upsertContactAddress(
  db: Database,
  v: { flagId: string; givenByPersonId: number; emailEnc: string },
): Promise<void> {
  await db
    .insert(companionContactAddresses)
    .values(v)
    .onConflictDoUpdate({
      target: [companionContactAddresses.flagId, companionContactAddresses.givenByPersonId],
      set: { emailEnc: v.emailEnc, givenAt: sql`now()` },
    });
}

const giver = alias(people, "giver");

export type ContactAddressRow = {
  flagId: string;
  bookingId: number;
  givenByPersonId: number;
  givenByGivenName: string;
  givenByFamilyName: string;
  /** The giver's role on the flag's booking; null when they are no longer on it. */
  givenByRole: string | null;
  emailEnc: string;
  givenAt: Date;
};

/** Every address given for these flags, oldest first. */
export async function listContactAddressRows(db: Database, flagIds: string[]): Promise<ContactAddressRow[]> {
  if (flagIds.length === 0) return [];
  return db
    .select({
      flagId: companionContactAddresses.flagId,
      bookingId: companionFlags.bookingId,
      givenByPersonId: companionContactAddresses.givenByPersonId,
      givenByGivenName: giver.givenName,
      givenByFamilyName: giver.familyName,
      givenByRole: bookingPassengers.role,
      emailEnc: companionContactAddresses.emailEnc,
      givenAt: companionContactAddresses.givenAt,
    })
    .from(companionContactAddresses)
    .innerJoin(companionFlags, eq(companionFlags.id, companionContactAddresses.flagId))
    .innerJoin(giver, eq(giver.id, companionContactAddresses.givenByPersonId))
    .leftJoin(
      bookingPassengers,
      and(
        eq(bookingPassengers.bookingId, companionFlags.bookingId),
        eq(bookingPassengers.personId, companionContactAddresses.givenByPersonId),
      ),
    )
    .where(inArray(companionContactAddresses.flagId, flagIds))
    .orderBy(asc(companionContactAddresses.givenAt), asc(companionContactAddresses.givenByPersonId));
}
