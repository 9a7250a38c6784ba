import "server-only";
import type { Database } from "@/db/client";
import { listCompletedItems } from "@/db/queries/checklist";
import { getOwnProfile, listOwnExposures, type SessionIds } from "@/db/queries/traveller";
import type { TravellerOverviewDto } from "@/lib/dto/traveller";

/** Everything the /my overview shows about the session person; null if the session no longer matches a record. */
export async function getOverview(db: Database, s: SessionIds): Promise<TravellerOverviewDto | null> {
  const [profile, exposures, completedItems] = await Promise.all([
    getOwnProfile(db, s),
    listOwnExposures(db, s.personId),
    listCompletedItems(db, s.personId),
  ]);
  if (!profile) return null;
  return { givenName: profile.givenName, isBooker: profile.isBooker, exposures, completedItems };
}
