import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { incidents } from "@/db/schema";

/** What pages may show about the incident. */
export type IncidentDto = {
  id: string;
  organisation: string;
  title: { en: string; fr: string };
  summary: { en: string; fr: string };
  detectedOn: string;
  exposureFrom: string;
  exposureTo: string;
  notExposed: string[];
  monitoringTermMonths: number;
  enrolBy: string;
  supportPhone: string;
};

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
};

type Row = { [K in keyof typeof columns]: (typeof columns)[K]["_"]["data"] };

const toDto = (r: Row): IncidentDto => ({
  id: r.id,
  organisation: r.organisation,
  title: { en: r.titleEn, fr: r.titleFr },
  summary: { en: r.summaryEn, fr: r.summaryFr },
  detectedOn: r.detectedOn,
  exposureFrom: r.exposureFrom,
  exposureTo: r.exposureTo,
  notExposed: r.notExposed,
  monitoringTermMonths: r.monitoringTermMonths,
  enrolBy: r.enrolBy,
  supportPhone: r.supportPhone,
});

/** The incident the portal serves: the most recently imported one. */
export async function getCurrentIncident(db: Database): Promise<IncidentDto | null> {
  const [row] = await db.select(columns).from(incidents).orderBy(desc(incidents.importedAt)).limit(1);
  return row ? toDto(row) : null;
}

export async function getIncident(db: Database, id: string): Promise<IncidentDto | null> {
  const [row] = await db.select(columns).from(incidents).where(eq(incidents.id, id)).limit(1);
  return row ? toDto(row) : null;
}
