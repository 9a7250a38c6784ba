import { z } from "zod";

// Ticking or unticking one guidance item. The server also checks that the item belongs to a category this
// person was exposed in (lib/traveller/checklist.ts), so a crafted key cannot store anything else.
export const checklistSchema = z.object({
  itemKey: z
    .string()
    .max(80)
    .regex(/^[a-z_]+\.[a-z0-9-]+$/, "invalid"),
  done: z.enum(["true", "false"], { error: "invalid" }).transform((v) => v === "true"),
});

export type ChecklistValues = z.output<typeof checklistSchema>;
