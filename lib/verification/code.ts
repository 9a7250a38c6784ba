import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// One-time verification codes: 10 random digits (docs/brute-force.md: with the limits on failed codes, whole-population
// guessing stays under 0.01 expected takeovers a day), stored only as a keyed hash bound to the challenge id, so a
// copy of the database alone is not enough to brute-force them.

export const CODE_TTL_SECONDS = 10 * 60;
export const MAX_CODE_ATTEMPTS = 5;

export const CODE_DIGITS = 10;
export const generateCode = (): string => String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, "0");

let key: Buffer | undefined;
const codeKey = () =>
  (key ??= createHmac("sha256", Buffer.from(env().BLIND_INDEX_KEY, "base64")).update("verification-code-key").digest());

export function hashCode(challengeId: string, code: string): string {
  return createHmac("sha256", codeKey()).update(`${challengeId}\u0000${code}`, "utf8").digest("hex");
}

/**
 * Constant-time comparison. With no stored hash (unmatched, no email, already used) a hash is still computed and
 * compared against a fixed value, so every outcome costs the same work.
 */
export function codeMatches(storedHash: string | null, challengeId: string, code: string): boolean {
  const candidate = Buffer.from(hashCode(challengeId, code), "hex");
  const stored = storedHash && /^[0-9a-f]{64}$/.test(storedHash) ? Buffer.from(storedHash, "hex") : Buffer.alloc(32);
  return timingSafeEqual(candidate, stored) && storedHash !== null;
}
