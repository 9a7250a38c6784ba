import "server-only";
import { aadFor, decryptField, encryptField, keyringFromEnv } from "@/lib/crypto/field-encryption";
import { bookingRefIndex, emailIndex, passengerLookupIndex, rewardsIndex } from "@/lib/crypto/blind-index";
import { env } from "@/lib/env";
import { normaliseBookingRef } from "@/lib/normalise";

// How bundle values are protected at rest: the one place that knows which column is encrypted with which
// associated data (AAD) and which blind index goes with it. The importer, its worker threads, demo tooling and
// agent screens all use these helpers, so a value written by one can be read or matched by the others.
//
// AAD row keys (aadFor(table, column, rowKey) = "table.column:rowKey"):
//   people.{dob,email,phone,address,rewards}  rowKey `${incidentId}:${personExternalId}` (person_id in the bundle)
//   bookings.ref                                rowKey `${incidentId}:${normalisedRef}`  (normaliseBookingRef)
// Binding the incident and the bundle's person_id (not the database id) means a row can be encrypted before it
// is inserted, and a ciphertext copied to another person, column or incident fails to decrypt. Note that the
// booking reference's own value is part of its AAD: ref_enc can only be opened by someone who has the reference.
//
// Blind indexes: people.email_bidx = emailIndex(email), people.rewards_bidx = rewardsIndex(rewards_id),
// bookings.ref_bidx = bookingRefIndex(ref), booking_passengers.lookup_bidx = passengerLookupIndex(ref, family_name).

export type Keyring = ReturnType<typeof keyringFromEnv>;
/** Explicit keys, for worker threads (which are handed the keys instead of reading the environment). */
export type ProtectKeys = { ring: Keyring; blind: Buffer };

export const loadProtectKeys = (): ProtectKeys => ({ ring: keyringFromEnv(), blind: Buffer.from(env().BLIND_INDEX_KEY, "base64") });

export type PersonColumn = "dob" | "email" | "phone" | "address" | "rewards";

export const personRowKey = (incidentId: string, externalId: string) => `${incidentId}:${externalId}`;
export const personAad = (incidentId: string, externalId: string, column: PersonColumn) =>
  aadFor("people", column, personRowKey(incidentId, externalId));
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
  dobEnc: string;
  emailEnc: string | null;
  emailBidx: string | null;
  phoneEnc: string | null;
  addressEnc: string | null;
  rewardsEnc: string | null;
  rewardsBidx: string | null;
};

/** Encrypts and indexes a person's personal fields; empty values stay NULL. */
export function protectPerson(incidentId: string, p: PersonSecrets, keys?: ProtectKeys): ProtectedPerson {
  const ring = keys?.ring;
  const rowKey = personRowKey(incidentId, p.externalId);
  const seal = (v: string, column: PersonColumn) => (v ? encryptField(v, aadFor("people", column, rowKey), ring) : null);
  return {
    dobEnc: encryptField(p.dateOfBirth, aadFor("people", "dob", rowKey), ring),
    emailEnc: seal(p.email, "email"),
    emailBidx: p.email ? emailIndex(p.email, keys?.blind) : null,
    phoneEnc: seal(p.phone, "phone"),
    addressEnc: seal(p.address, "address"),
    rewardsEnc: seal(p.rewardsId, "rewards"),
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
    refEnc: encryptField(normalised, bookingRefAad(incidentId, normalised), keys?.ring),
  };
}

export const bookingRefBidx = (ref: string, keys?: ProtectKeys) => bookingRefIndex(ref, keys?.blind);

/** How a traveller finds themselves: booking reference + their own family name. */
export const passengerLookup = (ref: string, familyName: string, keys?: ProtectKeys) =>
  passengerLookupIndex(ref, familyName, keys?.blind);

/** Reads one encrypted person column back (agents, demo listing, tests). */
export function revealPerson(incidentId: string, externalId: string, column: PersonColumn, value: string | null): string | null {
  return value ? decryptField(value, personAad(incidentId, externalId, column)) : null;
}
