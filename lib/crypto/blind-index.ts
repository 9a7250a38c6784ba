import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { normaliseBookingRef, normaliseEmail, normaliseLastName, normaliseRewardsId } from "@/lib/normalise";

// Keyed HMAC-SHA256 blind indexes: equality lookups without plaintext columns. Each purpose has its own
// domain prefix so an index value for one field can never be matched against another. Truncated to 128 bits:
// collisions are negligible at millions of rows and the indexes stay small.

export type BlindIndexPurpose = "booking" | "passenger" | "rewards" | "email";

let key: Buffer | undefined;
const hmacKey = () => (key ??= Buffer.from(env().BLIND_INDEX_KEY, "base64"));

export function blindIndex(purpose: BlindIndexPurpose, value: string, k: Buffer = hmacKey()): string {
  return createHmac("sha256", k).update(`${purpose}\u0000${value}`, "utf8").digest("hex").slice(0, 32);
}

/** Index of a booking reference alone (agents look bookings up by reference). */
export const bookingRefIndex = (ref: string, k?: Buffer) => blindIndex("booking", normaliseBookingRef(ref), k);

/**
 * Index of booking reference + last name: how a traveller finds themselves on a booking. `normaliseName` lets
 * the importer pass a memoised normaliseLastName (the same function, so the same index).
 */
export const passengerLookupIndex = (
  ref: string,
  lastName: string,
  k?: Buffer,
  normaliseName: (name: string) => string = normaliseLastName,
) => blindIndex("passenger", `${normaliseBookingRef(ref)}\u0000${normaliseName(lastName)}`, k);

export const rewardsIndex = (id: string, k?: Buffer) => blindIndex("rewards", normaliseRewardsId(id), k);
export const emailIndex = (email: string, k?: Buffer) => blindIndex("email", normaliseEmail(email), k);
