import "server-only";
import { cache } from "react";
import type { Database } from "@/db/client";
import { getCurrentIncident, type IncidentRow } from "@/db/queries/incident";
import type { IncidentDto, MonitoringProviderDto } from "@/lib/dto/incident";

type ProviderColumns = Pick<
  IncidentRow,
  "providerName" | "providerActivationUrl" | "providerPhone" | "providerActivateWithinDays"
>;

/** The monitoring provider, shown only when the bundle gave all of it (the importer writes the part whole). */
export function providerOf(r: ProviderColumns): MonitoringProviderDto | null {
  return r.providerName && r.providerActivationUrl && r.providerPhone && r.providerActivateWithinDays
    ? {
        name: r.providerName,
        activationUrl: r.providerActivationUrl,
        phone: r.providerPhone,
        activateWithinDays: r.providerActivateWithinDays,
      }
    : null;
}

/**
 * The incident the portal serves (the most recently imported), as the public pages show it; null before any import.
 * Once per request (React's cache()): the root layout's branding and the page itself share one read.
 */
export const readCurrentIncident = cache(async (db: Database): Promise<IncidentDto | null> => {
  const r = await getCurrentIncident(db);
  if (!r) return null;
  return {
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
    // Each optional part is shown only when the bundle gave all of it (the importer writes a part whole).
    provider: providerOf(r),
    stepsTaken: r.stepsTakenEn && r.stepsTakenFr ? { en: r.stepsTakenEn, fr: r.stepsTakenFr } : null,
    privacyOffice:
      r.privacyEmail && r.privacyPhone && r.privacyAddress
        ? { email: r.privacyEmail, phone: r.privacyPhone, address: r.privacyAddress }
        : null,
  };
});
