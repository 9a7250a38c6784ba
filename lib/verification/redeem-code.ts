import "server-only";
import type { Database } from "@/db/client";

// Placeholder until the verification flow lands: no code is ever accepted.
export async function redeemVerificationCode(
  _db: Database,
  _input: { challengeId: string; code: string },
): Promise<{ personId: number; bookingId: number; incidentId: string } | null> {
  return null;
}
