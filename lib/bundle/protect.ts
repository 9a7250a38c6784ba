import "server-only";
import { bookingRefIndex, emailIndex, passengerLookupIndex, rewardsIndex } from "@/lib/crypto/blind-index";
import { aadFor, type Keyring, keyringFromEnv, type Sealer, sealerFor } from "@/lib/crypto/field-encryption";
import { personalAad, personalPlaintext } from "@/lib/crypto/personal-details";
import { env } from "@/lib/env";
import { normaliseBookingRef, normaliseLastName } from "@/lib/normalise";

// How bundle values are protected at rest: the one place that knows which column is encrypted with which
// associated data (AAD) and which blind index goes with it. The importer, its worker threads, demo tooling and
// agent screens all use these helpers, so a value written by one can be read or matched by the others.
//
// AAD row keys (aadFor(table, column, rowKey) = "table.column:rowKey"):
//   people.personal  rowKey `${incidentId}:${personExternalId}` (person_id in the bundle): date of birth, email,
//                    phone, address and rewards ID as one value (lib/crypto/personal-details.ts)
//   bookings.ref     rowKey `${incidentId}:${normalisedRef}`  (normaliseBookingRef)
// Binding the incident and the bundle's person_id (not the database id) means a row can be encrypted before it
// is inserted, and a ciphertext copied to another person, column or incident fails to decrypt. Note that the
// booking reference's own value is part of its AAD: ref_enc can only be opened by someone who has the reference.
//
// Blind indexes: people.email_bidx = emailIndex(email), people.rewards_bidx = rewardsIndex(rewards_id),
// bookings.ref_bidx = bookingRefIndex(ref), booking_passengers.lookup_bidx = passengerLookupIndex(ref, family_name).

/** Explicit keys, for worker threads (which are handed the keys instead of reading the environment). */
export type ProtectKeys = { ring: Keyring; blind: Buffer };

export const loadProtectKeys = (): ProtectKeys => ({
  ring: keyringFromEnv(),
  blind: Buffer.from(env().BLIND_INDEX_KEY, "base64"),
});

// Sealing goes through lib/crypto's one AES-GCM implementation (createSealer: pooled IVs, the key imported
// once), with the worker thread's own keys when it was handed them.
const sealerOf = (keys?: ProtectKeys): Sealer => sealerFor(keys?.ring);

export const bookingRefAad = (incidentId: string, ref: string) =>
  aadFor("bookings", "ref", `${incidentId}:${normaliseBookingRef(ref)}`);

export type PersonSecrets = {
  externalId: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  address: string;
  rewardsId: string;
};

export type ProtectedPerson = {
  /** All the personal fields as one value (lib/crypto/personal-details.ts). */
  personalEnc: string;
  emailBidx: string | null;
  rewardsBidx: string | null;
};

/** Encrypts a person's personal fields into one value and computes the blind indexes of the non-empty ones. */
export function protectPerson(incidentId: string, p: PersonSecrets, keys?: ProtectKeys): ProtectedPerson {
  return {
    personalEnc: sealerOf(keys)(
      personalPlaintext(p.dateOfBirth, p.email, p.phone, p.address, p.rewardsId),
      personalAad(incidentId, p.externalId),
    ),
    emailBidx: p.email ? emailIndex(p.email, keys?.blind) : null,
    rewardsBidx: p.rewardsId ? rewardsIndex(p.rewardsId, keys?.blind) : null,
  };
}

/** The rewards blind index alone (the importer checks uniqueness before encrypting anything). */
export const rewardsBidx = (rewardsId: string, keys?: ProtectKeys) => rewardsIndex(rewardsId, keys?.blind);

export type ProtectedBookingRef = { ref: string; refBidx: string; refEnc: string };

/** A booking reference as stored: normalised, indexed and encrypted. */
export function protectBookingRef(incidentId: string, ref: string, keys?: ProtectKeys): ProtectedBookingRef {
  const normalised = normaliseBookingRef(ref);
  return {
    ref: normalised,
    refBidx: bookingRefIndex(normalised, keys?.blind),
    refEnc: sealerOf(keys)(normalised, bookingRefAad(incidentId, normalised)),
  };
}

// Family names repeat across a bundle (families travel together), and normalising one (Unicode decomposition,
// several replacements) costs about as much as the HMAC itself: the importer remembers recent ones.
const normalisedFamilies = new Map<string, string>();
function normalisedFamily(name: string): string {
  let v = normalisedFamilies.get(name);
  if (v === undefined) {
    if (normalisedFamilies.size >= 50_000) normalisedFamilies.clear();
    v = normaliseLastName(name);
    normalisedFamilies.set(name, v);
  }
  return v;
}

/** How a traveller finds themselves: booking reference + their own family name. */
export const passengerLookup = (ref: string, familyName: string, keys?: ProtectKeys) =>
  passengerLookupIndex(ref, familyName, keys?.blind, normalisedFamily);
