import "server-only";
import type { Database } from "@/db/client";
import { setItemCompleted } from "@/db/queries/checklist";
import { listOwnExposures, type SessionIds } from "@/db/queries/traveller";
import { categoryOfItem } from "@/lib/catalogue/guidance";
import type { ChecklistValues } from "@/lib/forms/checklist";

export type ChecklistOutcome = { status: "ok" } | { status: "forbidden" };

/** Whether this item is advice shown to this person: a known key of a category they were exposed in. */
export async function mayTick(db: Database, s: SessionIds, itemKey: string): Promise<boolean> {
  const category = categoryOfItem(itemKey);
  if (!category) return false;
  return (await listOwnExposures(db, s.personId)).some((e) => e.category === category);
}

export async function setChecklistItem(db: Database, s: SessionIds, v: ChecklistValues): Promise<ChecklistOutcome> {
  if (!(await mayTick(db, s, v.itemKey))) return { status: "forbidden" };
  await setItemCompleted(db, s.personId, v.itemKey, v.done);
  return { status: "ok" };
}
