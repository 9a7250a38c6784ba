import "server-only";
import type { Database } from "@/db/client";
import { personHasEmail, queueCompanionNotice } from "@/db/queries/notices";

// The notice a companion flag causes, queued in the flag's own transaction (web and console both flag through
// lib/traveller/companions.ts flagCompanion): to the companion's own email on file, their own notice (`companion`);
// else, when the traveller typed an address for them, a message with no personal data to that unverified address
// (`companion_contact`, composed as such by lib/notices/compose.ts); else nothing here (the companion's letter
// comes from prepare). Once per flag and kind.
export async function queueNoticeForFlag(
  tx: Database,
  v: { flagId: string; companionPersonId: number; addressGiven: boolean },
): Promise<void> {
  if (await personHasEmail(tx, v.companionPersonId)) {
    await queueCompanionNotice(tx, { flagId: v.flagId, companionPersonId: v.companionPersonId, kind: "companion" });
  } else if (v.addressGiven) {
    await queueCompanionNotice(tx, {
      flagId: v.flagId,
      companionPersonId: v.companionPersonId,
      kind: "companion_contact",
    });
  }
}
