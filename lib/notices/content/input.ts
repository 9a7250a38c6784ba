import "server-only";
import type { IncidentRow } from "@/db/queries/incident";
import type { NoticeContentRow } from "@/db/queries/notices-content";
import { isCategoryCode } from "@/lib/catalogue/categories";
import { env } from "@/lib/env";
import { easternMidnight } from "@/lib/format";
import type { NoticeInput } from "./document";

// From the rows a notice is loaded as to the document's input: shared by the email (lib/notices/compose.ts) and
// the letters (lib/notices/letters/*), so both say the same thing.

export function noticeInputOf(
  row: NoticeContentRow,
  incident: IncidentRow,
  extra: { rewardsUrl?: string | null; noticeCode?: string | null } = {},
): NoticeInput {
  return {
    kind: row.kind,
    language: row.language,
    country: row.country,
    region: row.region,
    name: `${row.givenName} ${row.familyName}`,
    categories: row.categories.filter(isCategoryCode),
    sharedBooking: row.sharedBooking,
    incident,
    publicUrl: env().PUBLIC_URL,
    ...extra,
  };
}

/**
 * Whether the notice is still owed: queued, and a reminder only to someone not enrolled before the enrol-by day
 * has passed (Eastern time, as every date the portal shows).
 */
export function stillOwed(row: NoticeContentRow, incident: IncidentRow, now: Date): boolean {
  if (row.status !== "queued") return false;
  if (row.kind === "reminder_30" || row.kind === "reminder_7")
    return !row.enrolled && now < easternMidnight(incident.enrolBy, 1);
  return true;
}
