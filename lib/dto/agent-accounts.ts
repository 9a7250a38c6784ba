import type { AgentRole, ResetKind } from "@/db/schema";

// What the supervisors' agents page and the enrolment page receive (lib/agent/agent-admin.ts): never a password
// hash or a sealed secret. The enrolment page shows a new TOTP secret to whoever holds the single-use link.

export type AgentAccountDto = {
  id: string;
  displayName: string;
  email: string;
  role: AgentRole;
  disabled: boolean;
  /** The supervisor looking at the page: no action on their own account. */
  self: boolean;
};

export type ResetRequestDto = {
  id: string;
  targetName: string;
  targetEmail: string;
  kind: ResetKind;
  requestedByName: string;
  requestedAt: string;
  /** False for the supervisor who started it (and for its target). */
  canApprove: boolean;
};

export type EnrolmentDto = { setPassword: boolean; factor: { secret: string; uri: string } | null };

/** One of the signed-in agent's passkeys on /agent/security (lib/agent/passkeys.ts): no key material. */
export type PasskeyDto = { id: string; name: string; createdAt: string; lastUsedAt: string | null };
