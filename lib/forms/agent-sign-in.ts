import { z } from "zod";

// The agent sign-in form, parsed in the browser (react-hook-form) and again by the server action. Error messages
// are message keys (agentMessages.formErrors).

export const agentSignInSchema = z.object({
  email: z.string().trim().min(1, "emailRequired").max(254, "emailInvalid").pipe(z.email("emailInvalid")),
  password: z.string().min(1, "passwordRequired").max(200, "passwordTooLong"),
});

export type AgentSignInInput = z.input<typeof agentSignInSchema>;
export type AgentSignInValues = z.output<typeof agentSignInSchema>;

/** Marking a companion flag as notified: which flag. */
export const markFlagSchema = z.object({ flag: z.uuid("invalid") });
