import "server-only";
import type { Database } from "@/db/client";
import { type AuditActor, recordAudit } from "@/db/queries/audit";
import {
  type CompanionRow,
  getPersonalRow,
  listCompanionRows,
  upsertCompanionFlag,
  upsertContactAddress,
} from "@/db/queries/companions";
import { type Aad, aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { openPersonal } from "@/lib/crypto/personal-details";
import type { CompanionDto } from "@/lib/dto/traveller";
import type { FlagCompanionValues } from "@/lib/forms/flag-companion";
import { queueNoticeForFlag } from "@/lib/notices/companion";
import type { RequestContext } from "@/lib/request-id";
import { isMinorOn, toIsoDate } from "./dates";
import { initialsOf } from "./initials";
import { maskEmail } from "./mask";
import type { Traveller } from "./viewer";

// The other passengers on the session booking. A companion is addressed by `ref`, their 1-based position among
// the booking's other passengers: it is only ever resolved inside the session's booking, so no value a client
// sends can reach a person on another booking. A companion's date of birth is decrypted only when a rule needs
// it: the booker's guardian options, or an address a non-booker gives (only the booker may give one for a minor).

/** Associated data of a contact address: its row's key, known before the upsert. */
export const contactAddressAad = (flagId: string, givenByPersonId: number): Aad =>
  aadFor("companion_contact_addresses", "email", `${flagId}:${givenByPersonId}`);

const isMinor = (r: Pick<CompanionRow, "personalEnc" | "incidentId" | "externalId">, today: string) =>
  r.personalEnc !== null && isMinorOn(openPersonal(r.personalEnc, r.incidentId, r.externalId).dateOfBirth, today);

/** The companions page: initials and yes/no facts. Ages (and so dates of birth) are read for the booker only. */
export async function listCompanions(db: Database, t: Traveller, now = new Date()): Promise<CompanionDto[]> {
  const booker = t.passenger.isBooker;
  const rows = await listCompanionRows(db, t.session, { personal: booker });
  const today = toIsoDate(now);
  return rows.map((r, i) => ({
    ref: i + 1,
    initials: initialsOf(r.givenName, r.familyName),
    affected: r.affected,
    flagged: r.flagged,
    hasEmailOnFile: r.hasEmailOnFile,
    givenAddress: r.myAddress
      ? maskEmail(decryptField(r.myAddress.emailEnc, contactAddressAad(r.myAddress.flagId, t.session.personId)))
      : null,
    guardian: booker && isMinor(r, today) ? { enrolled: r.enrolled } : null,
  }));
}

export type FlagOutcome =
  | { status: "flagged" | "updated"; initials: string; givenAddress: string | null }
  | { status: "not_found" };

/**
 * Asks the airline to notify a companion on the session's own booking. A contact address is kept only when none
 * is on file (we never store a second address for someone we can reach), with who gave it; a passenger other than
 * the booker may not give one for a minor (the address is not kept, and the answer is the same, so the form does
 * not tell a non-booker who is a minor).
 */
export async function flagCompanion(
  db: Database,
  t: Traveller,
  v: FlagCompanionValues,
  now = new Date(),
  /** The request, and an agent flagging on the person's behalf during a call (the audit event names the agent). */
  ctx: RequestContext & { by?: { agentId: string } } = {},
): Promise<FlagOutcome> {
  const s = t.session;
  const companion = (await listCompanionRows(db, s))[v.companion - 1];
  if (!companion) return { status: "not_found" };
  const address = v.contactEmail && !companion.hasEmailOnFile ? v.contactEmail : undefined;
  const keep = address !== undefined && (t.passenger.isBooker || !(await isMinorById(db, companion.personId, now)));
  const { created } = await db.transaction(async (tx) => {
    const flag = await upsertCompanionFlag(tx, {
      bookingId: s.bookingId,
      companionPersonId: companion.personId,
      flaggedByPersonId: s.personId,
      reopen: keep,
    });
    if (keep && address) {
      await upsertContactAddress(tx, {
        flagId: flag.id,
        givenByPersonId: s.personId,
        emailEnc: encryptField(address, contactAddressAad(flag.id, s.personId)),
      });
    }
    // Notices hook (issue 12): the companion's notice, in the flag's transaction.
    await queueNoticeForFlag(tx, { flagId: flag.id, companionPersonId: companion.personId, addressGiven: keep });
    const action = flag.created ? "companion.flagged" : "companion.flag_updated";
    const actor: AuditActor = ctx.by
      ? { type: "agent", agentId: ctx.by.agentId }
      : { type: "traveller", personId: s.personId };
    await recordAudit(
      tx,
      actor,
      action,
      { personId: companion.personId, bookingId: s.bookingId },
      { requestId: ctx.requestId },
    );
    return flag;
  });
  return {
    status: created ? "flagged" : "updated",
    initials: initialsOf(companion.givenName, companion.familyName),
    // The address as given, masked, whether or not it was kept: the same answer for a minor as for an adult.
    givenAddress: address ? maskEmail(address) : null,
  };
}

async function isMinorById(db: Database, personId: number, now: Date): Promise<boolean> {
  const row = await getPersonalRow(db, personId);
  // No record: treat as a minor, so an address is never kept on a guess.
  return row ? isMinor(row, toIsoDate(now)) : true;
}

/** The companions the booker may act for as guardian (minors today, UTC); none for anyone else. */
export async function listGuardedCompanions(
  db: Database,
  t: Traveller,
  now = new Date(),
): Promise<Array<{ ref: number; personId: number; initials: string }>> {
  if (!t.passenger.isBooker) return [];
  const today = toIsoDate(now);
  return (await listCompanionRows(db, t.session, { personal: true })).flatMap((r, i) =>
    isMinor(r, today) ? [{ ref: i + 1, personId: r.personId, initials: initialsOf(r.givenName, r.familyName) }] : [],
  );
}
