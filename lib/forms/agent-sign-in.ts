import * as z from "zod/mini";

// The agent sign-in form, parsed in the browser (react-hook-form) and again by the server action. Error messages
// are message keys (agentMessages.formErrors). zod/mini: the same rules as full zod at a fraction of the weight
// in the browser (tests/forms-mini.test.ts holds them equal to the full-zod originals).

export const agentSignInSchema = z.object({
  email: z.pipe(
    z.string().check(z.trim(), z.minLength(1, "emailRequired"), z.maxLength(254, "emailInvalid")),
    z.email("emailInvalid"),
  ),
  password: z.string().check(z.minLength(1, "passwordRequired"), z.maxLength(200, "passwordTooLong")),
});

export type AgentSignInInput = z.input<typeof agentSignInSchema>;
export type AgentSignInValues = z.output<typeof agentSignInSchema>;

/** Marking a companion flag as notified: which flag. */
export const markFlagSchema = z.object({ flag: z.uuid("invalid") });
