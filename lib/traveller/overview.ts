import "server-only";
import type { Database } from "@/db/client";
import { listCompletedItems } from "@/db/queries/checklist";
import type { SessionPassenger } from "@/db/queries/session";
import {
  type ExposureRow,
  getOverviewFacts,
  getOwnProfile,
  listOwnExposures,
  type SessionIds,
} from "@/db/queries/traveller";
import { openExposureDetail } from "@/lib/crypto/exposure-detail";
import type { ExposureDto, TravellerOverviewDto } from "@/lib/dto/traveller";
import { isOnOrBefore, toIsoDate } from "./dates";

/** Opens each hint (encrypted at rest, bound to incident, person and category). */
const openExposures = (rows: ExposureRow[], incidentId: string): ExposureDto[] =>
  rows.map((r) => ({
    category: r.category,
    detail: openExposureDetail(r.detailEnc, incidentId, r.externalId, r.category),
  }));

/** What the /my overview page shows: the person's own data, the incident's facts, and two summaries. */
export type OverviewPageDto = {
  overview: TravellerOverviewDto;
  /** Category codes the incident did not involve (the same for everyone). */
  notExposed: string[];
  supportPhone: string;
  /** The monitoring card: the offer, and when the person's own term ends if they enrolled. */
  monitoring: { enrolBy: string; termMonths: number; open: boolean; termEndsOn: string | null };
  /** Whether anyone else is on the booking (the companions card); who they are is for /my/companions. */
  hasCompanions: boolean;
};

/**
 * Everything the /my overview shows about the session person; null if the session no longer matches a record.
 * `passenger` is what the session check already read (lib/auth/traveller.ts), so the page need not read it again.
 */
export async function getOverview(
  db: Database,
  s: SessionIds,
  passenger?: SessionPassenger,
): Promise<TravellerOverviewDto | null> {
  const [profile, exposures, completedItems] = await Promise.all([
    passenger ?? getOwnProfile(db, s),
    listOwnExposures(db, s.personId),
    listCompletedItems(db, s.personId),
  ]);
  if (!profile) return null;
  return {
    givenName: profile.givenName,
    isBooker: profile.isBooker,
    exposures: openExposures(exposures, s.incidentId),
    completedItems,
  };
}

/**
 * The whole /my page: the session check's name and role, plus one statement for the rest (getOverviewFacts). It
 * reads only what the page shows: the enrolment's end date (not its activation code) and whether there are
 * companions (not who they are); only the person's own exposure hints are decrypted. Null when the session no longer matches a record or its
 * incident is gone: a fault, never "nothing found".
 */
export async function getOverviewPage(
  db: Database,
  s: SessionIds,
  passenger?: SessionPassenger,
  now = new Date(),
): Promise<OverviewPageDto | null> {
  const [profile, facts] = await Promise.all([passenger ?? getOwnProfile(db, s), getOverviewFacts(db, s)]);
  if (!profile || !facts) return null;
  const { incident } = facts;
  return {
    overview: {
      givenName: profile.givenName,
      isBooker: profile.isBooker,
      exposures: openExposures(facts.exposures, s.incidentId),
      completedItems: facts.completedItems,
    },
    notExposed: incident.notExposed,
    supportPhone: incident.supportPhone,
    monitoring: {
      enrolBy: incident.enrolBy,
      termMonths: incident.monitoringTermMonths,
      open: isOnOrBefore(toIsoDate(now), incident.enrolBy),
      termEndsOn: facts.termEndsOn,
    },
    hasCompanions: facts.hasCompanions,
  };
}
