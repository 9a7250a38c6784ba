import "server-only";
import { randomUUID } from "node:crypto";
import * as z from "zod/mini";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";

// A sign-in grant: how a service that has just proved who someone is without the emailed code (the letter's notice
// code, lib/verification/letter.ts; a rewards link, lib/rewards/link.ts) hands the person to next-auth's
// `traveller-grant` provider (auth.ts), which issues the ordinary traveller session. The server action that ran the
// service seals the grant and passes it straight to signIn() in the same process: it is never sent to a browser.
// Sealed with the field encryption (AES-256-GCM under the server's key, its own associated data), it cannot be
// forged; it lives 60 seconds, in case one were ever copied from a log or a dump.

const GRANT_SECONDS = 60;
const AAD = aadFor("auth", "grant", "traveller");

const grantSchema = z.object({
  personId: z.number().check(z.int(), z.positive()),
  bookingId: z.number().check(z.int(), z.positive()),
  incidentId: z.string().check(z.minLength(1)),
  exp: z.number(),
  nonce: z.string(),
});

export type TravellerGrant = { personId: number; bookingId: number; incidentId: string };

export const sealTravellerGrant = (g: TravellerGrant, now = Date.now()): string =>
  encryptField(
    JSON.stringify({
      personId: g.personId,
      bookingId: g.bookingId,
      incidentId: g.incidentId,
      exp: now + GRANT_SECONDS * 1000,
      nonce: randomUUID(),
    }),
    AAD,
  );

/** The grant's ids, or null (tampered, another key, expired, not a grant). */
export function openTravellerGrant(value: unknown, now = Date.now()): TravellerGrant | null {
  if (typeof value !== "string" || value.length > 2000) return null;
  try {
    const parsed = grantSchema.safeParse(JSON.parse(decryptField(value, AAD)));
    if (!parsed.success || parsed.data.exp < now) return null;
    const { personId, bookingId, incidentId } = parsed.data;
    return { personId, bookingId, incidentId };
  } catch {
    return null;
  }
}
