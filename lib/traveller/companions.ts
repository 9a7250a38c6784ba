import "server-only";
import type { Database } from "@/db/client";
import { listCompanionRecords, resolveCompanion, toCompanionDto, upsertCompanionFlag } from "@/db/queries/companions";
import type { SessionPassenger } from "@/db/queries/session";
import { getOwnProfile, recordTravellerEvent, type SessionIds } from "@/db/queries/traveller";
import type { CompanionDto } from "@/lib/dto/traveller";
import type { FlagCompanionValues } from "@/lib/forms/flag-companion";
import { toIsoDate } from "./dates";

/**
 * The companions page: everyone else on the session booking, as initials and yes/no facts. `passenger` is what the
 * session check already read (lib/auth/traveller.ts), so the viewer's role need not be read again.
 */
export async function listCompanions(
  db: Database,
  s: SessionIds,
  now = new Date(),
  passenger?: SessionPassenger,
): Promise<CompanionDto[]> {
  // Knowing the role first, companions' dates of birth are decrypted only for the booker (minor status).
  const [profile, companions] = await Promise.all([
    passenger ?? getOwnProfile(db, s),
    listCompanionRecords(db, s, toIsoDate(now), { ages: passenger ? passenger.isBooker : true }),
  ]);
  return companions.map((c) => toCompanionDto(c, profile?.isBooker ?? false));
}

export type FlagOutcome = { status: "flagged" | "updated"; initials: string } | { status: "not_found" };

/**
 * Asks the airline to notify a companion. The companion is looked up on the session's own booking only; a
 * contact email is kept only when none is on file (we never store a second address for someone we can reach).
 */
export async function flagCompanion(
  db: Database,
  s: SessionIds,
  v: FlagCompanionValues,
  now = new Date(),
): Promise<FlagOutcome> {
  const companion = await resolveCompanion(db, s, v.companion, toIsoDate(now));
  if (!companion) return { status: "not_found" };
  const { created } = await db.transaction(async (tx) => {
    const result = await upsertCompanionFlag(tx, {
      bookingId: s.bookingId,
      companionPersonId: companion.personId,
      flaggedByPersonId: s.personId,
      contactEmail: companion.hasEmailOnFile ? undefined : v.contactEmail,
    });
    await recordTravellerEvent(tx, {
      actorPersonId: s.personId,
      action: result.created ? "companion.flagged" : "companion.flag_updated",
      personId: companion.personId,
      bookingId: s.bookingId,
    });
    return result;
  });
  return { status: created ? "flagged" : "updated", initials: companion.initials };
}

/** For the action's authorize step: the reference names a companion on the session booking. */
export async function isOwnCompanion(db: Database, s: SessionIds, ref: number, now = new Date()): Promise<boolean> {
  return (await resolveCompanion(db, s, ref, toIsoDate(now))) !== null;
}

/** Whether the session person made the booking (and so may act as guardian for its minors). */
export async function isBookerOfSessionBooking(db: Database, s: SessionIds): Promise<boolean> {
  return (await getOwnProfile(db, s))?.isBooker ?? false;
}
