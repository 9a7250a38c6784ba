import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookingPassengers, companionFlags, exposures, monitoringEnrolments, people } from "@/db/schema";
import { type Aad, aadFor, encryptField } from "@/lib/crypto/field-encryption";
import { openPersonal } from "@/lib/crypto/personal-details";
import type { CompanionDto } from "@/lib/dto/traveller";
import { isMinorOn } from "@/lib/traveller/dates";
import { initialsOf } from "@/lib/traveller/initials";
import type { SessionIds } from "./traveller";

// The other passengers on the session booking. A companion is addressed by `ref`, their 1-based position among
// the booking's other passengers ordered by record id: it is only ever resolved inside the session's booking,
// so no value a client sends can reach a person on another booking.

/** Server-side view of one companion. Holds a record id, so it never goes to a page: see CompanionDto. */
export type ResolvedCompanion = {
  ref: number;
  personId: number;
  initials: string;
  /** Under 18 today; null when ages were not asked for (the date of birth was then not decrypted). */
  isMinor: boolean | null;
  hasEmailOnFile: boolean;
  affected: boolean;
  flagged: boolean;
  enrolled: boolean;
};

/** Associated data of a flag's contact email: the flag's unique key, known before the upsert picks a row. */
export const companionFlagEmailAad = (bookingId: number, companionPersonId: number): Aad =>
  aadFor("companion_flags", "contact_email", `${bookingId}:${companionPersonId}`);

/**
 * Everyone else on the session booking, resolved server-side. `today` is a YYYY-MM-DD date (UTC) for ages. Ages
 * need each companion's date of birth decrypted; only the booker's guardian options use them, so a caller that
 * knows the viewer is not the booker passes `ages: false` and no date of birth is decrypted.
 */
export async function listCompanionRecords(
  db: Database,
  s: SessionIds,
  today: string,
  opts: { ages?: boolean } = {},
): Promise<ResolvedCompanion[]> {
  const ages = opts.ages ?? true;
  const rows = await db
    .select({
      personId: people.id,
      incidentId: people.incidentId,
      externalId: people.externalId,
      givenName: people.givenName,
      familyName: people.familyName,
      personalEnc: ages ? people.personalEnc : sql<string>`''`,
      hasEmail: sql<boolean>`(${people.emailBidx} is not null)`,
      affected: sql<boolean>`exists (select 1 from ${exposures} where ${exposures.personId} = ${people.id})`,
      flagged: sql<boolean>`exists (select 1 from ${companionFlags} where ${companionFlags.bookingId} = ${s.bookingId} and ${companionFlags.companionPersonId} = ${people.id})`,
      enrolled: sql<boolean>`exists (select 1 from ${monitoringEnrolments} where ${monitoringEnrolments.personId} = ${people.id})`,
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
  return rows.map((r, i) => ({
    ref: i + 1,
    personId: r.personId,
    initials: initialsOf(r.givenName, r.familyName),
    isMinor: ages ? isMinorOn(openPersonal(r.personalEnc, r.incidentId, r.externalId).dateOfBirth, today) : null,
    hasEmailOnFile: Boolean(r.hasEmail),
    affected: Boolean(r.affected),
    flagged: Boolean(r.flagged),
    enrolled: Boolean(r.enrolled),
  }));
}

/** One companion by position on the session booking, or null when there is no such companion. */
export async function resolveCompanion(
  db: Database,
  s: SessionIds,
  ref: number,
  today: string,
): Promise<ResolvedCompanion | null> {
  return (await listCompanionRecords(db, s, today)).find((c) => c.ref === ref) ?? null;
}

/** What the companions page shows: initials and yes/no facts only. Minor status only to the booker. */
export function toCompanionDto(c: ResolvedCompanion, viewerIsBooker: boolean): CompanionDto {
  return {
    ref: c.ref,
    initials: c.initials,
    affected: c.affected,
    flagged: c.flagged,
    hasEmailOnFile: c.hasEmailOnFile,
    guardian: viewerIsBooker && c.isMinor ? { enrolled: c.enrolled } : null,
  };
}

/**
 * Records a flag, one per companion per booking. Flagging again keeps the row; a newly given email replaces the
 * old one and puts the flag back to "new" so an agent notices it.
 */
export async function upsertCompanionFlag(
  db: Database,
  v: { bookingId: number; companionPersonId: number; flaggedByPersonId: number; contactEmail?: string },
): Promise<{ created: boolean }> {
  const emailEnc = v.contactEmail
    ? encryptField(v.contactEmail, companionFlagEmailAad(v.bookingId, v.companionPersonId))
    : null;
  const [row] = await db
    .insert(companionFlags)
    .values({
      bookingId: v.bookingId,
      companionPersonId: v.companionPersonId,
      flaggedByPersonId: v.flaggedByPersonId,
      contactEmailEnc: emailEnc,
    })
    .onConflictDoUpdate({
      target: [companionFlags.bookingId, companionFlags.companionPersonId],
      set: {
        contactEmailEnc: sql`coalesce(excluded.contact_email_enc, ${companionFlags.contactEmailEnc})`,
        status: sql`case when excluded.contact_email_enc is not null then 'new' else ${companionFlags.status} end`,
        updatedAt: sql`now()`,
      },
    })
    // xmax is 0 only on a freshly inserted row version: tells a first flag from a repeat in one statement.
    .returning({ created: sql<boolean>`(xmax = 0)` });
  return { created: Boolean(row?.created) };
}
