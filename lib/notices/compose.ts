import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { getIncident } from "@/db/queries/incident";
import { ensureRewardsLinkRow, getContactAddressRow, getNoticeContentRow } from "@/db/queries/notices-content";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { openPersonal } from "@/lib/crypto/personal-details";
import { env } from "@/lib/env";
import { buildNotice } from "./content/document";
import { noticeInputOf, stillOwed } from "./content/input";
import { renderNoticeHtml } from "./content/render-html";
import { renderNoticeText } from "./content/render-text";
import { rewardsLinkPath, rewardsLinkToken, rewardsTokenHash } from "./rewards-token";

// One notice email, ready for the sender (lib/notices/send*): recipient, subject, text and HTML parts and a
// deterministic Message-ID, so a send retried after a crash is the same message (same link, same id) and the
// one that reached the server twice can be recognised. Nothing is sent or marked here.

export type ComposedEmail = { to: string; subject: string; text: string; html: string; messageId: string };

const REWARDS_LINK_DAYS = 90;

/** `<notice-42@portal.example>`: PUBLIC_URL's host name (no port: a Message-ID's right side cannot hold ':'). */
export const noticeMessageId = (noticeId: number) => `<notice-${noticeId}@${new URL(env().PUBLIC_URL).hostname}>`;

/**
 * Null when the notice is no longer owed by email: gone, not queued (sent, printed, cancelled, undeliverable),
 * a letter, a reminder for someone enrolled or past the enrol-by day, or nobody to send it to (no email on file,
 * no contact address for a companion_contact).
 */
export async function composeNoticeEmail(
  db: Database,
  noticeId: number,
  now: Date = new Date(),
): Promise<ComposedEmail | null> {
  const row = await getNoticeContentRow(db, noticeId);
  if (row?.channel !== "email") return null;
  const incident = await getIncident(db, row.incidentId);
  if (!incident || !stillOwed(row, incident, now)) return null;

  let to: string | null;
  let rewardsUrl: string | null = null;
  if (row.kind === "companion_contact") {
    // The typed address is the only thing read for this kind: the message carries no personal data.
    to = row.companionFlagId ? await contactAddress(db, row.companionFlagId) : null;
  } else {
    to = row.hasEmail ? openPersonal(row.personalEnc, row.incidentId, row.externalId).email : null;
    if (to && row.isRewardsMember && (row.kind === "initial" || row.kind === "companion"))
      rewardsUrl = await rewardsLinkUrl(db, row.id, row.personId, now);
  }
  if (!to) return null;

  const doc = buildNotice(noticeInputOf(row, incident, { rewardsUrl }));
  return {
    to,
    subject: doc.subject,
    text: renderNoticeText(doc),
    html: await renderNoticeHtml(doc),
    messageId: noticeMessageId(row.id),
  };
}

/** The notice's own link, created on first compose; a retried compose finds the same row and re-derives its token. */
async function rewardsLinkUrl(db: Database, noticeId: number, personId: number, now: Date): Promise<string> {
  const id = randomUUID();
  const linkId = await ensureRewardsLinkRow(db, {
    id,
    personId,
    noticeId,
    tokenHash: rewardsTokenHash(rewardsLinkToken(id)),
    expiresAt: new Date(now.getTime() + REWARDS_LINK_DAYS * 86_400_000),
  });
  return `${env().PUBLIC_URL.replace(/\/+$/, "")}${rewardsLinkPath(rewardsLinkToken(linkId))}`;
}

async function contactAddress(db: Database, flagId: string): Promise<string | null> {
  const a = await getContactAddressRow(db, flagId);
  if (!a) return null;
  // The associated data of lib/traveller/companions.ts (contactAddressAad) and, for addresses kept before one per
  // giver, of lib/agent/queue.ts.
  return a.kind === "given"
    ? decryptField(a.emailEnc, aadFor("companion_contact_addresses", "email", `${a.flagId}:${a.givenByPersonId}`))
    : decryptField(a.emailEnc, aadFor("companion_flags", "contact_email", `${a.bookingId}:${a.companionPersonId}`));
}
