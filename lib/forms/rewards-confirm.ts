import * as z from "zod/mini";

// The rewards link's confirmation: the last name, and the link's token (a hidden field of the page it came from).
// Shared by the browser (react-hook-form) and the server action. Only the shape is checked here.

export const rewardsConfirmSchema = z.object({
  token: z.string().check(z.maxLength(100)),
  lastName: z.pipe(
    z.string({ error: "lastNameRequired" }),
    z.pipe(
      z.transform((v: string) => v.trim().replace(/\s+/g, " ")),
      z.string().check(z.minLength(1, "lastNameRequired"), z.maxLength(100, "lastNameTooLong")),
    ),
  ),
});

export type RewardsConfirmInput = z.input<typeof rewardsConfirmSchema>;
export type RewardsConfirm = z.output<typeof rewardsConfirmSchema>;
