import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Incident, incidents } from "@/db/schema";

const columns = {
  id: incidents.id,
  organisation: incidents.organisation,
  titleEn: incidents.titleEn,
  titleFr: incidents.titleFr,
  summaryEn: incidents.summaryEn,
  summaryFr: incidents.summaryFr,
  detectedOn: incidents.detectedOn,
  exposureFrom: incidents.exposureFrom,
  exposureTo: incidents.exposureTo,
  notExposed: incidents.notExposed,
  monitoringTermMonths: incidents.monitoringTermMonths,
  enrolBy: incidents.enrolBy,
  supportPhone: incidents.supportPhone,
  providerName: incidents.providerName,
  providerActivationUrl: incidents.providerActivationUrl,
  providerPhone: incidents.providerPhone,
  providerActivateWithinDays: incidents.providerActivateWithinDays,
  stepsTakenEn: incidents.stepsTakenEn,
  stepsTakenFr: incidents.stepsTakenFr,
  privacyEmail: incidents.privacyEmail,
  privacyPhone: incidents.privacyPhone,
  privacyAddress: incidents.privacyAddress,
};

export type IncidentRow = Pick<Incident, keyof typeof columns>;

/** The incident the portal serves: the most recently imported one. */
export async function getCurrentIncident(db: Database): Promise<IncidentRow | null> {
  const [row] = await db.select(columns).from(incidents).orderBy(desc(incidents.importedAt)).limit(1);
  return row ?? null;
}

export async function getIncident(db: Database, id: string): Promise<IncidentRow | null> {
  const [row] = await db.select(columns).from(incidents).where(eq(incidents.id, id)).limit(1);
  return row ?? null;
}
