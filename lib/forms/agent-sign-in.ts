import * as z from "zod/mini";

// The agent sign-in form, parsed in the browser (react-hook-form) and again by the server action. Error messages
// are message keys (agentMessages.formErrors). zod/mini: the same rules as full zod at a fraction of the weight
// in the browser (tests/forms-mini.test.ts holds them equal to the full-zod originals).

export const totpCodeSchema = z
  .string()
  .check(z.trim(), z.minLength(1, "codeRequired"), z.regex(/^\d{3} ?\d{3}$/, "codeInvalid"));

export const agentSignInSchema = z.object({
  email: z.pipe(
    z.string().check(z.trim(), z.minLength(1, "emailRequired"), z.maxLength(254, "emailInvalid")),
    z.email("emailInvalid"),
  ),
  password: z.string().check(z.minLength(1, "passwordRequired"), z.maxLength(200, "passwordTooLong")),
  /** The 6-digit code from the authenticator app, as apps show it (with or without a space in the middle). */
  code: totpCodeSchema,
});

export type AgentSignInInput = z.input<typeof agentSignInSchema>;
export type AgentSignInValues = z.output<typeof agentSignInSchema>;

/** Marking a companion flag as notified: which flag. */
export const markFlagSchema = z.object({ flag: z.uuid("invalid") });
