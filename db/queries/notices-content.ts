import "server-only";
import { and, asc, desc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  bookingPassengers,
  companionContactAddresses,
  companionFlags,
  exposures,
  monitoringEnrolments,
  noticeCodes,
  notices,
  people,
  rewardsLinks,
} from "@/db/schema";

// What a notice's content and its letter need (lib/notices/compose.ts, lib/notices/letters/*). Rows in, rows out:
// ciphertext passes through untouched; the rules (who is owed what) are in the services.

const noticeColumns = {
  id: notices.id,
  kind: notices.kind,
  channel: notices.channel,
  status: notices.status,
  companionFlagId: notices.companionFlagId,
  personId: people.id,
  incidentId: people.incidentId,
  externalId: people.externalId,
  givenName: people.givenName,
  familyName: people.familyName,
  personalEnc: people.personalEnc,
  language: people.language,
  country: people.country,
  region: people.region,
  isRewardsMember: sql<boolean>`(${people.rewardsBidx} is not null)`,
  hasEmail: sql<boolean>`(${people.emailBidx} is not null)`,
  /** On a booking with anyone else. */
  sharedBooking: sql<boolean>`exists (select 1 from ${bookingPassengers} mine join ${bookingPassengers} other
    on other.booking_id = mine.booking_id and other.person_id <> mine.person_id where mine.person_id = ${people.id})`,
  enrolled: sql<boolean>`exists (select 1 from ${monitoringEnrolments} where ${monitoringEnrolments.personId} = ${people.id})`,
  categories: sql<
    string[]
  >`coalesce((select array_agg(${exposures.category} order by ${exposures.category}) from ${exposures} where ${exposures.personId} = ${people.id}), '{}')`,
};

export type NoticeContentRow = {
  id: number;
  kind: (typeof notices.$inferSelect)["kind"];
  channel: (typeof notices.$inferSelect)["channel"];
  status: (typeof notices.$inferSelect)["status"];
  companionFlagId: string | null;
  personId: number;
  incidentId: string;
  externalId: string;
  givenName: string;
  familyName: string;
  personalEnc: string;
  language: string;
  country: string;
  region: string | null;
  isRewardsMember: boolean;
  hasEmail: boolean;
  sharedBooking: boolean;
  enrolled: boolean;
  categories: string[];
};

const normalise = (r: NoticeContentRow): NoticeContentRow => ({
  ...r,
  isRewardsMember: Boolean(r.isRewardsMember),
  hasEmail: Boolean(r.hasEmail),
  sharedBooking: Boolean(r.sharedBooking),
  enrolled: Boolean(r.enrolled),
  categories: r.categories ?? [],
});

/** One notice with its person and what its content names. */
export async function getNoticeContentRow(db: Database, noticeId: number): Promise<NoticeContentRow | null> {
  const [row] = await db
    .select(noticeColumns)
    .from(notices)
    .innerJoin(people, eq(people.id, notices.personId))
    .where(eq(notices.id, noticeId))
    .limit(1);
  return row ? normalise(row as NoticeContentRow) : null;
}

/** Queued letters that are due, by id, after `afterId` (keyset pages). */
export async function listDueLetterRows(
  db: Database,
  opts: { afterId: number; limit: number; now: Date },
): Promise<NoticeContentRow[]> {
  const rows = await db
    .select(noticeColumns)
    .from(notices)
    .innerJoin(people, eq(people.id, notices.personId))
    .where(
      and(
        eq(notices.channel, "letter"),
        eq(notices.status, "queued"),
        lte(notices.dueAt, opts.now),
        gt(notices.id, opts.afterId),
      ),
    )
    .orderBy(asc(notices.id))
    .limit(opts.limit);
  return rows.map((r) => normalise(r as NoticeContentRow));
}

/**
 * The address a traveller typed for a flagged companion: the newest one given (one per giver), else the flag's
 * own older column. Encrypted, with what its associated data is made of.
 */
export async function getContactAddressRow(
  db: Database,
  flagId: string,
): Promise<
  | { kind: "given"; emailEnc: string; flagId: string; givenByPersonId: number }
  | { kind: "legacy"; emailEnc: string; bookingId: number; companionPersonId: number }
  | null
> {
  const [given] = await db
    .select({
      emailEnc: companionContactAddresses.emailEnc,
      givenByPersonId: companionContactAddresses.givenByPersonId,
    })
    .from(companionContactAddresses)
    .where(eq(companionContactAddresses.flagId, flagId))
    .orderBy(desc(companionContactAddresses.givenAt))
    .limit(1);
  if (given) return { kind: "given", flagId, ...given };
  const [flag] = await db
    .select({
      emailEnc: companionFlags.contactEmailEnc,
      bookingId: companionFlags.bookingId,
      companionPersonId: companionFlags.companionPersonId,
    })
    .from(companionFlags)
    .where(eq(companionFlags.id, flagId))
    .limit(1);
  return flag?.emailEnc ? { kind: "legacy", ...flag, emailEnc: flag.emailEnc } : null;
}

/** Creates the notice's rewards link unless it has one (one per notice), then returns the notice's link id. */
export async function ensureRewardsLinkRow(
  db: Database,
  row: { id: string; personId: number; noticeId: number; tokenHash: string; expiresAt: Date },
): Promise<string> {
  await db.insert(rewardsLinks).values(row).onConflictDoNothing({ target: rewardsLinks.noticeId });
  const [link] = await db
    .select({ id: rewardsLinks.id })
    .from(rewardsLinks)
    .where(eq(rewardsLinks.noticeId, row.noticeId))
    .limit(1);
  if (!link) throw new Error("rewards link missing after insert");
  return link.id;
}

/** Marks queued letters printed in `batch`; returns the ids it changed (a letter printed already is skipped). */
export async function markLettersPrinted(db: Database, ids: number[], batch: string, at: Date): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db
    .update(notices)
    .set({ status: "printed", sentAt: at, letterBatch: batch })
    .where(and(inArray(notices.id, ids), eq(notices.status, "queued"), eq(notices.channel, "letter")))
    .returning({ id: notices.id });
  return rows.map((r) => r.id);
}

/** Letters that cannot be printed (no mailing address, or nobody to address): undeliverable, with a reason. */
export async function markLettersUndeliverable(db: Database, ids: number[], reason: string): Promise<number> {
  if (!ids.length) return 0;
  const rows = await db
    .update(notices)
    .set({ status: "undeliverable", lastError: reason })
    .where(and(inArray(notices.id, ids), eq(notices.status, "queued"), eq(notices.channel, "letter")))
    .returning({ id: notices.id });
  return rows.length;
}

/** A person's notice code, replaced by a newly printed one (and live again if it had been revoked). */
export async function upsertNoticeCodes(db: Database, rows: { personId: number; codeHash: string }[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insert(noticeCodes)
    .values(rows)
    .onConflictDoUpdate({
      target: noticeCodes.personId,
      set: { codeHash: sql`excluded.code_hash`, createdAt: sql`now()`, revokedAt: null },
    });
}

/** How many letters are due (for the letters command's progress). */
export async function countDueLetters(db: Database, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notices)
    .where(and(eq(notices.channel, "letter"), eq(notices.status, "queued"), lte(notices.dueAt, now)));
  return Number(row?.n ?? 0);
}
