import "server-only";
import { authenticator } from "otplib";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";

// The agents' second factor: RFC 6238 codes (6 digits, 30-second steps) from an authenticator app, through otplib.
// The secret is stored sealed with the field encryption, bound to its account's row. A code for the previous step
// is still accepted (a code read out near the end of its step, or a phone clock a few seconds late); which step
// matched is returned, so the caller can accept each step once (claimTotpStep in db/queries/agents.ts).

export const TOTP_STEP_SECONDS = 30;
/** The name an authenticator app shows next to the account. */
const ISSUER = "Incident support (agents)";

const aad = (agentId: string) => aadFor("agents", "totp_secret", agentId);

export const newTotpSecret = (): string => authenticator.generateSecret(20);

export const sealTotpSecret = (agentId: string, secret: string): string => encryptField(secret, aad(agentId));

export const openTotpSecret = (agentId: string, sealed: string): string => decryptField(sealed, aad(agentId));

/** The otpauth:// URI an authenticator app reads (usually from a QR code). */
export const totpUri = (email: string, secret: string): string => authenticator.keyuri(email, ISSUER, secret);

/** A secret that matches no code a person could type: the work done for an unknown account or a wrong password. */
const DECOY_SECRET = authenticator.generateSecret(20);

/**
 * The time step `code` is valid for with `secret` at `now` (the current step or the one before), or null. With no
 * secret (unknown account, or one made before second factors) the same check runs against a decoy, so every
 * refusal takes the same work.
 */
export function matchTotpStep(secret: string | null, code: string, now: Date = new Date()): number | null {
  const epoch = now.getTime();
  const delta = authenticator.clone({ window: [1, 0], epoch }).checkDelta(code, secret ?? DECOY_SECRET);
  if (delta === null || secret === null) return null;
  return Math.floor(epoch / 1000 / TOTP_STEP_SECONDS) + delta;
}
