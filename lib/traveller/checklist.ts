import "server-only";
import type { Database } from "@/db/client";
import { setItemCompleted } from "@/db/queries/checklist";
import { listOwnExposures } from "@/db/queries/traveller";
import { categoryOfItem } from "@/lib/catalogue/guidance";
import type { ChecklistValues } from "@/lib/forms/checklist";
import type { Traveller } from "./viewer";

export type ChecklistOutcome = { status: "ok" } | { status: "forbidden" };

/** Ticks or unticks an item, if it is advice shown to this person: a known key of a category they were exposed in. */
export async function setChecklistItem(db: Database, t: Traveller, v: ChecklistValues): Promise<ChecklistOutcome> {
  const category = categoryOfItem(v.itemKey);
  if (!category) return { status: "forbidden" };
  const exposures = await listOwnExposures(db, t.session.personId);
  if (!exposures.some((e) => e.category === category)) return { status: "forbidden" };
  await setItemCompleted(db, t.session.personId, v.itemKey, v.done);
  return { status: "ok" };
}
