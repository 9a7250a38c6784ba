import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { checklistProgress } from "@/db/schema";

/** Item keys this person has ticked. */
export async function listCompletedItems(db: Database, personId: number): Promise<string[]> {
  const rows = await db
    .select({ itemKey: checklistProgress.itemKey })
    .from(checklistProgress)
    .where(eq(checklistProgress.personId, personId));
  return rows.map((r) => r.itemKey);
}

/** Ticks or unticks one item; repeating either is harmless (a double click or a retry). */
export async function setItemCompleted(db: Database, personId: number, itemKey: string, done: boolean): Promise<void> {
  if (done) {
    await db.insert(checklistProgress).values({ personId, itemKey }).onConflictDoNothing();
  } else {
    await db
      .delete(checklistProgress)
      .where(and(eq(checklistProgress.personId, personId), eq(checklistProgress.itemKey, itemKey)));
  }
}
