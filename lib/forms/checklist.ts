import * as z from "zod/mini";

// Ticking or unticking one guidance item. The server also checks that the item belongs to a category this
// person was exposed in (lib/traveller/checklist.ts), so a crafted key cannot store anything else.
export const checklistSchema = z.object({
  itemKey: z.string().check(z.maxLength(80, "invalid"), z.regex(/^[a-z_]+\.[a-z0-9-]+$/, "invalid")),
  done: z.pipe(
    z.enum(["true", "false"], { error: "invalid" }),
    z.transform((v) => v === "true"),
  ),
});

export type ChecklistValues = z.output<typeof checklistSchema>;
