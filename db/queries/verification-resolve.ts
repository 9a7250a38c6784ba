import "server-only";
import { sql } from "drizzle-orm";
import { type Database, executePrepared, rowsOf } from "@/db/client";

// Resolving verification challenges in batches: a handful of statements for many challenges, whatever the batch
// size (launch day brings hundreds of step-one requests a second to every instance). Every write is conditional
// on the challenge still being pending, so two resolvers racing over the same challenge (an instance's after()
// work and a sweeper) produce one outcome and at most one email.

/** A pending challenge with its sealed request, as the sweeper finds it. */
export type PendingChallengeRow = { id: string; requestEnc: string | null; live: boolean };

/** Pending challenges older than `minAgeSeconds` (left behind by a crash or a busy instance), oldest first. */
export async function listStalePendingChallenges(
  db: Database,
  minAgeSeconds: number,
  limit: number,
): Promise<PendingChallengeRow[]> {
  const rows = rowsOf<{ id: string; request_enc: string | null; live: boolean }>(
    await db.execute(sql`
      select id, request_enc, expires_at > now() as live
      from verification_challenges
      where status = 'pending' and created_at < now() - make_interval(secs => ${minAgeSeconds}::int)
      order by created_at
      limit ${limit}`),
  );
  return rows.map((r) => ({ id: r.id, requestEnc: r.request_enc, live: r.live }));
}

/** One pending challenge by id (null when resolved already or unknown). */
export async function getPendingChallenge(db: Database, id: string): Promise<PendingChallengeRow | null> {
  const [row] = rowsOf<{ id: string; request_enc: string | null; live: boolean }>(
    await db.execute(
      sql`select id, request_enc, expires_at > now() as live from verification_challenges where id = ${id} and status = 'pending'`,
    ),
  );
  return row ? { id: row.id, requestEnc: row.request_enc, live: row.live } : null;
}

/** A passenger whose booking reference and last name match what was typed (fields still encrypted). */
export type PassengerCandidate = {
  /** Which lookup (index into the array given) this candidate answers. */
  lookup: number;
  personId: number;
  bookingId: number;
  incidentId: string;
  externalId: string;
  givenName: string;
  /** people.personal_enc (lib/crypto/personal-details.ts). */
  personalEnc: string;
  language: string;
  supportPhone: string;
  organisation: string;
};

/**
 * Passengers of the current incident (the most recently imported) for many lookup indexes at once, at most 20 per
 * lookup (a booking has a handful of passengers; more would be a data error, not a reason to read the table).
 */
export async function findPassengerCandidates(db: Database, lookupBidxs: string[]): Promise<PassengerCandidate[]> {
  if (lookupBidxs.length === 0) return [];
  const rows = await executePrepared<{
    lookup: number;
    person_id: number | string;
    booking_id: number | string;
    incident_id: string;
    external_id: string;
    given_name: string;
    personal_enc: string;
    language: string;
    support_phone: string;
    organisation: string;
  }>(
    db,
    sql`
      with cur as (select id, support_phone, organisation from incidents order by imported_at desc limit 1),
      q as (select (ord - 1)::int as lookup, bidx from jsonb_array_elements_text(${JSON.stringify(lookupBidxs)}::jsonb) with ordinality as t(bidx, ord))
      select q.lookup, c.person_id, c.booking_id, c.incident_id, c.external_id, c.given_name, c.personal_enc, c.language, c.support_phone, c.organisation
      from q cross join lateral (
        select bp.person_id, bp.booking_id, p.incident_id, p.external_id, p.given_name, p.personal_enc, p.language, cur.support_phone, cur.organisation
        from booking_passengers bp
        join people p on p.id = bp.person_id
        join cur on cur.id = p.incident_id
        where bp.lookup_bidx = q.bidx
        limit 20) c`,
  );
  return rows.map((r) => ({
    lookup: Number(r.lookup),
    personId: Number(r.person_id),
    bookingId: Number(r.booking_id),
    incidentId: r.incident_id,
    externalId: r.external_id,
    givenName: r.given_name,
    personalEnc: r.personal_enc,
    language: r.language,
    supportPhone: r.support_phone,
    organisation: r.organisation,
  }));
}

/** How one challenge ended, with the code's email when one is sent (recipient and body already encrypted). */
export type Resolution =
  | {
      id: string;
      status: "sent";
      personId: number;
      bookingId: number;
      codeHash: string;
      mail: { id: string; kind: string; subject: string; toEnc: string; bodyEnc: string };
    }
  | { id: string; status: "no_email" | "capped" | "superseded"; personId: number; bookingId: number }
  | { id: string; status: "unmatched" | "failed" };

/**
 * Writes many outcomes in one statement: each challenge that is still pending gets its outcome and loses its typed
 * details; only for those is the email queued and the audit event written. A code sent supersedes every code
 * sent to that person before (their challenges lose their code hash, so an older code stops working): at most one
 * code per person can be redeemed at any time. Returns the ids this call resolved.
 * The audit event is written in the same statement (the one writer of audit_events besides db/queries/audit.ts,
 * so it cannot be lost between two calls): the actor is a visitor not yet verified (actor_type 'traveller',
 * actor_id null), the record touched is the matched person's, and `ref` names the challenge.
 */
export async function writeResolutions(db: Database, resolutions: Resolution[]): Promise<Set<string>> {
  if (resolutions.length === 0) return new Set();
  const input = resolutions.map((r) => ({
    id: r.id,
    status: r.status,
    person_id: "personId" in r ? r.personId : null,
    booking_id: "bookingId" in r ? r.bookingId : null,
    code_hash: r.status === "sent" ? r.codeHash : null,
    mail_id: r.status === "sent" ? r.mail.id : null,
    kind: r.status === "sent" ? r.mail.kind : null,
    subject: r.status === "sent" ? r.mail.subject : null,
    to_enc: r.status === "sent" ? r.mail.toEnc : null,
    body_enc: r.status === "sent" ? r.mail.bodyEnc : null,
  }));
  const rows = await executePrepared<{ id: string }>(
    db,
    sql`
      with i as (
        select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as t(id uuid, status text, person_id bigint, booking_id bigint,
          code_hash text, mail_id uuid, kind text, subject text, to_enc text, body_enc text)),
      done as (
        update verification_challenges c
        set status = i.status, request_enc = null, person_id = i.person_id, booking_id = i.booking_id, code_hash = i.code_hash
        from i
        where c.id = i.id and c.status = 'pending'
        returning c.id),
      superseded as (
        update verification_challenges c
        set status = 'superseded', code_hash = null
        from i join done on done.id = i.id
        where i.status = 'sent' and c.person_id = i.person_id and c.status = 'sent' and c.id <> i.id
        returning c.id),
      mail as (
        insert into mail_outbox (id, kind, subject, to_enc, body_enc)
        select i.mail_id, i.kind, i.subject, i.to_enc, i.body_enc from i join done on done.id = i.id where i.mail_id is not null
        returning id),
      audit as (
        insert into audit_events (actor_type, actor_id, ref, action, person_id, booking_id)
        select 'traveller', null, i.id::text, 'verification.code_sent', i.person_id, i.booking_id from i join done on done.id = i.id where i.status = 'sent'
        returning id)
      select id from done`,
  );
  return new Set(rows.map((r) => r.id));
}
