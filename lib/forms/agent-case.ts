import * as z from "zod/mini";
import { verifyCodeSchema } from "./verify-code";

// The call-centre console's forms (/agent/callers, /agent/case/[id]), parsed in the browser and again by the
// server actions (lib/agent/case-actions.ts). Error messages are keys of agentCaseMessages.errors. A case is named
// by its id (only ever looked up among the signed-in agent's own cases); a companion or a minor by their position
// on the case's booking, never by a record id.

export const SEARCH_KINDS = ["booking", "rewards", "email"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

const emailShape = z.email();

export const callerSearchSchema = z
  .object({
    kind: z.enum(SEARCH_KINDS, "kindRequired"),
    value: z.string().check(z.trim(), z.minLength(1, "valueRequired"), z.maxLength(254, "valueInvalid")),
  })
  .check(
    z.refine((v) => v.kind !== "booking" || /^[A-Z2-9]{6}$/.test(v.value.replace(/\s+/g, "").toUpperCase()), {
      error: "bookingInvalid",
      path: ["value"],
    }),
    z.refine((v) => v.kind !== "email" || emailShape.safeParse(v.value).success, {
      error: "emailInvalid",
      path: ["value"],
    }),
  );

export type CallerSearchInput = z.input<typeof callerSearchSchema>;
export type CallerSearchValues = z.output<typeof callerSearchSchema>;

/** A search result the agent picked: the signed handle the search gave (lib/agent/callers.ts). */
export const sendCodeSchema = z.object({ result: z.string().check(z.regex(/^[\w.-]{20,200}$/, "invalid")) });

const caseId = z.uuid("invalid");

export const caseCodeSchema = z.object({ case: caseId, code: verifyCodeSchema.shape.code });

export const caseOnlySchema = z.object({ case: caseId });

const subject = z.pipe(
  z.string().check(z.regex(/^(self|[1-9]\d{0,2})$/, "invalid")),
  z.transform((v: string): "self" | number => (v === "self" ? "self" : Number(v))),
);

const CONFIRMED = new Set<unknown>([true, "on", "true"]);

/** Enrolment by phone: the agent read the consent sentence out and the caller agreed; an unticked box never enrols. */
export const phoneEnrolSchema = z.object({
  case: caseId,
  subject,
  consent: z.pipe(
    z.unknown().check(z.refine((v) => CONFIRMED.has(v), "consentRequired")),
    z.transform(() => true as const),
  ),
});

export const caseSubjectSchema = z.object({ case: caseId, subject });

export const caseFlagSchema = z.object({
  case: caseId,
  companion: z.pipe(
    z.string().check(z.regex(/^[1-9]\d{0,2}$/, "invalid")),
    z.transform((v: string) => Number(v)),
  ),
});

export const NOTE_MAX = 2000;
export const caseNoteSchema = z.object({
  case: caseId,
  note: z.string().check(z.trim(), z.minLength(1, "noteRequired"), z.maxLength(NOTE_MAX, "noteTooLong")),
});

/** Why an agent needs to read an activation code out: one of a fixed list, kept with the audit event. */
export const REVEAL_REASONS = ["email_not_received", "email_lost", "no_email_access", "activating_on_call"] as const;
export type RevealReason = (typeof REVEAL_REASONS)[number];

export const revealSchema = z.object({ case: caseId, subject, reason: z.enum(REVEAL_REASONS, "reasonRequired") });
