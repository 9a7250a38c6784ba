import "server-only";
import type { Database } from "@/db/client";
import { countFlagsByStatus, flagExists, listFlagRows, setFlagNotified } from "@/db/queries/agent-flags";
import { recordAudit } from "@/db/queries/audit";
import { listContactAddressRows } from "@/db/queries/companions";
import type { AgentSession } from "@/lib/auth/agent";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { openPersonal } from "@/lib/crypto/personal-details";
import type { AgentFlagDto, ContactAddressDto, FlagQueueDto, FlagStatus, PassengerRole } from "@/lib/dto/agent";
import type { RequestContext } from "@/lib/request-id";
import { contactAddressAad } from "@/lib/traveller/companions";
import { isMinorOn, toIsoDate } from "@/lib/traveller/dates";

// The agents' queue of companions travellers asked the airline to contact (/my/companions). Any signed-in agent
// may read and act on any flag; every read and change is in audit_events under the agent's id (ids only).

const roleOf = (r: string | null): PassengerRole | null => (r === "booker" || r === "companion" ? r : null);

/** The address a flag held before addresses were kept per giver (bound to the flag's booking and companion). */
const legacyAad = (bookingId: number, companionPersonId: number) =>
  aadFor("companion_flags", "contact_email", `${bookingId}:${companionPersonId}`);

/**
 * One tab of the queue and the counts of both, recorded as read by this agent: one audit event per flag shown,
 * naming the companion and the booking, so "who has seen this person's contact details" has an answer.
 */
export async function readFlagQueue(
  db: Database,
  agent: AgentSession,
  input: { status: FlagStatus; limit?: number },
  now = new Date(),
  ctx: RequestContext = {},
): Promise<FlagQueueDto> {
  const today = toIsoDate(now);
  const [countRows, rows] = await Promise.all([
    countFlagsByStatus(db),
    listFlagRows(db, input.status, input.limit ?? 100),
  ]);
  const addresses = await listContactAddressRows(
    db,
    rows.map((r) => r.id),
  );
  const byFlag = new Map<string, ContactAddressDto[]>();
  for (const a of addresses) {
    const list = byFlag.get(a.flagId) ?? [];
    list.push({
      email: decryptField(a.emailEnc, contactAddressAad(a.flagId, a.givenByPersonId)),
      givenByName: `${a.givenByGivenName} ${a.givenByFamilyName}`,
      givenByRole: roleOf(a.givenByRole),
      givenAt: a.givenAt.toISOString(),
    });
    byFlag.set(a.flagId, list);
  }
  const flags: AgentFlagDto[] = rows.map((r) => ({
    id: r.id,
    status: r.status === "notified" ? "notified" : "new",
    flaggedAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    companionName: `${r.companionGiven} ${r.companionFamily}`,
    companionAffected: r.companionAffected,
    companionEmailOnFile: r.companionEmailOnFile,
    // Only the yes/no leaves this function: the date of birth itself never reaches the agent's page.
    companionMinor: isMinorOn(
      openPersonal(r.companionPersonalEnc, r.companionIncidentId, r.companionExternalId).dateOfBirth,
      today,
    ),
    companionLanguage: r.companionLanguage === "fr" ? "fr" : "en",
    contactAddresses: [
      ...(r.legacyEmailEnc
        ? [
            {
              email: decryptField(r.legacyEmailEnc, legacyAad(r.bookingId, r.companionPersonId)),
              givenByName: null,
              givenByRole: null,
              givenAt: null,
            },
          ]
        : []),
      ...(byFlag.get(r.id) ?? []),
    ],
    flaggedByName: `${r.flaggerGiven} ${r.flaggerFamily}`,
    flaggedByRole: roleOf(r.flaggerRole),
    flightDate: r.flightDate,
    route: r.route,
  }));
  await recordAudit(
    db,
    { type: "agent", agentId: agent.agentId },
    "companion_flag.viewed",
    rows.map((r) => ({ personId: r.companionPersonId, bookingId: r.bookingId })),
    { requestId: ctx.requestId },
  );
  const counts: Record<FlagStatus, number> = { new: 0, notified: 0 };
  for (const c of countRows) if (c.status === "new" || c.status === "notified") counts[c.status] = c.n;
  return { counts, flags };
}

export type MarkOutcome = "notified" | "already" | "not_found";

/** Marks a new flag as notified, with its audit event, in one transaction. */
export async function markFlagNotified(
  db: Database,
  agent: AgentSession,
  input: { flag: string },
  ctx: RequestContext = {},
): Promise<MarkOutcome> {
  return db.transaction(async (tx) => {
    const row = await setFlagNotified(tx, input.flag);
    if (!row) return (await flagExists(tx, input.flag)) ? "already" : "not_found";
    await recordAudit(
      tx,
      { type: "agent", agentId: agent.agentId },
      "companion_flag.notified",
      { personId: row.personId, bookingId: row.bookingId },
      { requestId: ctx.requestId },
    );
    return "notified";
  });
}
