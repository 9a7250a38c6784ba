import "server-only";
import type { Database } from "@/db/client";
import { getOverviewFacts } from "@/db/queries/traveller";
import { isCategoryCode } from "@/lib/catalogue/categories";
import { openExposureDetail } from "@/lib/crypto/exposure-detail";
import type { OverviewDto } from "@/lib/dto/traveller";
import { providerOf } from "@/lib/incident/current";
import { isOnOrBefore, toIsoDate } from "./dates";
import { activateBy } from "./provider";
import type { Traveller } from "./viewer";

/**
 * The whole /my page: the session check's name and role, plus one statement for the rest (getOverviewFacts). It
 * reads only what the page shows: the enrolment's end date (not its activation code) and whether there are
 * companions (not who they are), so nothing but the exposure hints is decrypted. Null when the session's incident is gone: a fault,
 * never "nothing found".
 */
export async function getOverview(db: Database, t: Traveller, now = new Date()): Promise<OverviewDto | null> {
  const facts = await getOverviewFacts(db, t.session);
  if (!facts) return null;
  const { incident } = facts;
  const provider = providerOf(incident);
  return {
    overview: {
      givenName: t.passenger.givenName,
      isBooker: t.passenger.isBooker,
      // The foreign key guarantees a known code; the guard keeps the type honest if the catalogue grows first.
      // Each hint is encrypted at rest, bound to incident, person and category.
      exposures: facts.exposures.flatMap((r) =>
        isCategoryCode(r.category)
          ? [
              {
                category: r.category,
                detail: openExposureDetail(r.detailEnc, t.session.incidentId, r.externalId, r.category),
              },
            ]
          : [],
      ),
      completedItems: facts.completedItems,
    },
    notExposed: incident.notExposed,
    supportPhone: incident.supportPhone,
    monitoring: {
      enrolBy: incident.enrolBy,
      termMonths: incident.monitoringTermMonths,
      open: isOnOrBefore(toIsoDate(now), incident.enrolBy),
      termEndsOn: facts.termEndsOn,
      activateBy: provider && facts.enrolledOn ? activateBy(facts.enrolledOn, provider) : null,
      provider,
    },
    hasCompanions: facts.hasCompanions,
  };
}
