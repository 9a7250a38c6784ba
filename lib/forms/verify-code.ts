import * as z from "zod/mini";

// Step two of traveller verification: the 10-digit code from the email. Spaces and dashes people copy along
// with the code are ignored. Messages are keys of verifyMessages.errors.

export const verifyCodeSchema = z.object({
  code: z.pipe(
    z.string({ error: "codeRequired" }),
    z.pipe(
      z.transform((v: string) => v.replace(/[\s-]/g, "")),
      z.string().check(z.minLength(1, { error: "codeRequired", abort: true }), z.regex(/^\d{10}$/, "codeInvalid")),
    ),
  ),
});

export type VerifyCodeInput = z.input<typeof verifyCodeSchema>;
export type VerifyCode = z.output<typeof verifyCodeSchema>;
