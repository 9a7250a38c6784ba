import "server-only";
import type { Database } from "@/db/client";
import { getCurrentIncident } from "@/db/queries/incident";
import type { IncidentDto } from "@/lib/dto/incident";

/** The incident the portal serves (the most recently imported), as the public pages show it; null before any import. */
export async function readCurrentIncident(db: Database): Promise<IncidentDto | null> {
  const r = await getCurrentIncident(db);
  if (!r) return null;
  return {
    id: r.id,
    title: { en: r.titleEn, fr: r.titleFr },
    summary: { en: r.summaryEn, fr: r.summaryFr },
    detectedOn: r.detectedOn,
    notExposed: r.notExposed,
    monitoringTermMonths: r.monitoringTermMonths,
    enrolBy: r.enrolBy,
    supportPhone: r.supportPhone,
  };
}
