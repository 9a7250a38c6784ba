import { z } from "zod";

// Step two of traveller verification: the 10-digit code from the email. Spaces and dashes people copy along
// with the code are ignored. Messages are keys of verifyMessages.errors.

export const verifyCodeSchema = z.object({
  code: z
    .string({ error: "codeRequired" })
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(
      z
        .string()
        .min(1, { error: "codeRequired", abort: true })
        .regex(/^\d{10}$/, "codeInvalid"),
    ),
});

export type VerifyCodeInput = z.input<typeof verifyCodeSchema>;
export type VerifyCode = z.output<typeof verifyCodeSchema>;
