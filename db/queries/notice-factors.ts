import "server-only";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db/client";
import { bookingPassengers, exposures, incidents, noticeCodes, notices, people, rewardsLinks } from "@/db/schema";

// The two factors a notice carries (the letter's notice code, the rewards member's link), as the portal checks
// them when someone uses one, and each person's notice history for the console. Issuing them (printing letters,
// sending notices) lives in db/queries/notices.ts. Rows in, rows out: hashes and ciphertext pass through untouched.

/**
 * The live notice code hash of a person (null when they have none, or it was revoked). Called with a person id
 * that matches nobody (0) when nobody matched, so every attempt costs the same one indexed read.
 */
export async function findLiveNoticeCodeHash(db: Database, personId: number): Promise<string | null> {
  const [row] = await db
    .select({ codeHash: noticeCodes.codeHash })
    .from(noticeCodes)
    .where(and(eq(noticeCodes.personId, personId), isNull(noticeCodes.revokedAt)))
    .limit(1);
  return row?.codeHash ?? null;
}

/** A rewards link that can still be used (not used, not revoked, not expired), with its person; else null. */
export type LiveRewardsLinkRow = {
  linkId: string;
  personId: number;
  incidentId: string;
  externalId: string;
  familyName: string;
};

/** The live link for a token hash, of a person of the current incident. One indexed read; changes nothing. */
export async function findLiveRewardsLink(db: Database, tokenHash: string): Promise<LiveRewardsLinkRow | null> {
  const [row] = rowsOf<{
    link_id: string;
    person_id: number | string;
    incident_id: string;
    external_id: string;
    family_name: string;
  }>(
    await db.execute(sql`
      select l.id as link_id, p.id as person_id, p.incident_id, p.external_id, p.family_name
      from ${rewardsLinks} l
      join ${people} p on p.id = l.person_id
      where l.token_hash = ${tokenHash} and l.used_at is null and l.revoked_at is null and l.expires_at > now()
        and p.incident_id = (select id from ${incidents} order by imported_at desc limit 1)
      limit 1`),
  );
  return row
    ? {
        linkId: row.link_id,
        personId: Number(row.person_id),
        incidentId: row.incident_id,
        externalId: row.external_id,
        familyName: row.family_name,
      }
    : null;
}

/**
 * Uses a link, at most once: one conditional UPDATE, so of two requests racing with the right last name exactly
 * one gets the row back. Null when it was used, revoked or expired in the meantime.
 */
export async function consumeRewardsLink(db: Database, linkId: string): Promise<{ personId: number } | null> {
  const [row] = rowsOf<{ person_id: number | string }>(
    await db.execute(sql`
      update ${rewardsLinks} set used_at = now()
      where id = ${linkId} and used_at is null and revoked_at is null and expires_at > now()
      returning person_id`),
  );
  return row ? { personId: Number(row.person_id) } : null;
}

/** Revokes every link of a person that could still be used; returns how many. */
export async function revokeRewardsLinksOf(db: Database, personId: number): Promise<number> {
  const rows = await db
    .update(rewardsLinks)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(rewardsLinks.personId, personId),
        isNull(rewardsLinks.usedAt),
        isNull(rewardsLinks.revokedAt),
        sql`${rewardsLinks.expiresAt} > now()`,
      ),
    )
    .returning({ id: rewardsLinks.id });
  return rows.length;
}

/** How many of a person's links could still be used (for the console's "Revoke" button). */
export async function countLiveRewardsLinksOf(db: Database, personId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rewardsLinks)
    .where(
      and(
        eq(rewardsLinks.personId, personId),
        isNull(rewardsLinks.usedAt),
        isNull(rewardsLinks.revokedAt),
        sql`${rewardsLinks.expiresAt} > now()`,
      ),
    );
  return Number(row?.n ?? 0);
}

/** A new link row (its id is what the token is derived from; the table keeps only the token's hash). */
export async function insertRewardsLink(
  db: Database,
  row: { id: string; personId: number; tokenHash: string; expiresAt: Date; noticeId?: number | null },
): Promise<void> {
  await db.insert(rewardsLinks).values({ ...row, noticeId: row.noticeId ?? null });
}

/** The person's first booking (lowest id), or null for a rewards member on no booking. */
export async function firstBookingOf(db: Database, personId: number): Promise<number | null> {
  const [row] = await db
    .select({ bookingId: bookingPassengers.bookingId })
    .from(bookingPassengers)
    .where(eq(bookingPassengers.personId, personId))
    .orderBy(asc(bookingPassengers.bookingId))
    .limit(1);
  return row?.bookingId ?? null;
}

/** What the rewards member's own view reads: the person (details still encrypted) and their categories. */
export type RewardsMemberRow = {
  givenName: string;
  externalId: string;
  personalEnc: string;
  supportPhone: string;
  categories: string[];
};

export async function findRewardsMember(
  db: Database,
  personId: number,
  incidentId: string,
): Promise<RewardsMemberRow | null> {
  const [row] = await db
    .select({
      givenName: people.givenName,
      externalId: people.externalId,
      personalEnc: people.personalEnc,
      supportPhone: incidents.supportPhone,
    })
    .from(people)
    .innerJoin(incidents, eq(incidents.id, people.incidentId))
    .where(and(eq(people.id, personId), eq(people.incidentId, incidentId)))
    .limit(1);
  if (!row) return null;
  const cats = await db
    .select({ category: exposures.category })
    .from(exposures)
    .where(eq(exposures.personId, personId))
    .orderBy(asc(exposures.category));
  return { ...row, categories: cats.map((c) => c.category) };
}

/** One notice of a person, as the console shows it: never its address or content. */
export type NoticeHistoryRow = {
  id: number;
  kind: string;
  channel: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
};

/** A person's notices, newest first (at most `limit`). */
export async function listNoticeHistory(db: Database, personId: number, limit = 50): Promise<NoticeHistoryRow[]> {
  return db
    .select({
      id: notices.id,
      kind: notices.kind,
      channel: notices.channel,
      status: notices.status,
      createdAt: notices.createdAt,
      sentAt: notices.sentAt,
      attempts: notices.attempts,
      lastError: notices.lastError,
    })
    .from(notices)
    .where(eq(notices.personId, personId))
    .orderBy(desc(notices.createdAt), desc(notices.id))
    .limit(limit);
}

/** A person of the current incident by the bundle's person id (the development demo's notice factors). */
export async function findCurrentPersonId(db: Database, externalId: string): Promise<number | null> {
  const [row] = rowsOf<{ id: number | string }>(
    await db.execute(sql`
      select p.id from ${people} p
      where p.external_id = ${externalId}
        and p.incident_id = (select id from ${incidents} order by imported_at desc limit 1)`),
  );
  return row ? Number(row.id) : null;
}
