import * as z from "zod/mini";
import { totpCodeSchema } from "./agent-sign-in";

// The supervisors' agents page and the enrolment page: parsed in the browser where react-hook-form runs, and
// again by every server action (lib/agent/account-actions.ts). Error messages are message keys
// (agentAccountMessages.formErrors).

export const createAgentSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1, "nameRequired"), z.maxLength(100, "nameTooLong")),
  email: z.pipe(
    z.string().check(z.trim(), z.toLowerCase(), z.minLength(1, "emailRequired"), z.maxLength(254, "emailInvalid")),
    z.email("emailInvalid"),
  ),
  role: z.enum(["agent", "supervisor"], "invalid"),
});
export type CreateAgentInput = z.input<typeof createAgentSchema>;
export type CreateAgentValues = z.output<typeof createAgentSchema>;

export const setDisabledSchema = z.object({ agent: z.uuid("invalid"), disabled: z.enum(["true", "false"], "invalid") });
export const startResetSchema = z.object({ agent: z.uuid("invalid"), kind: z.enum(["password", "factor"], "invalid") });
export const approveResetSchema = z.object({ request: z.uuid("invalid") });

/** The enrolment page: the link's token, and the new password and/or the code that confirms the new secret. */
export const enrolSchema = z.object({
  token: z.string().check(z.regex(/^[\w-]{43}$/, "invalid")),
  password: z.optional(
    z.string().check(
      z.refine((v) => v.trim().length >= 12, "passwordTooShort"),
      z.maxLength(200, "passwordTooLong"),
    ),
  ),
  code: z.optional(totpCodeSchema),
});
export type EnrolInput = z.input<typeof enrolSchema>;
export type EnrolValues = z.output<typeof enrolSchema>;
