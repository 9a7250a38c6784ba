import "server-only";
import { aadFor, decryptField, type Keyring, sealerFor } from "@/lib/crypto/field-encryption";
import { padToBlock } from "@/lib/crypto/personal-details";

// An exposure's masked hint ("Passport ending 9516") at rest: AES-256-GCM in encryptField's format, bound to the
// incident, the bundle's person_id and the category (so a hint copied to another person or category does not
// open), padded to 128-byte blocks (every ordinary hint has one ciphertext length). The plaintext is the hint as a
// JSON string, so the padding spaces are never mistaken for part of it.

const PAD = 128;

const exposureDetailAad = (incidentId: string, externalId: string, category: string) =>
  aadFor("exposures", "detail", `${incidentId}:${externalId}:${category}`);

export function sealExposureDetail(
  detail: string,
  incidentId: string,
  externalId: string,
  category: string,
  kr?: Keyring,
): string {
  return sealerFor(kr)(padToBlock(JSON.stringify(detail), PAD), exposureDetailAad(incidentId, externalId, category));
}

/** Opens a detail_enc value (null stays null); throws if it was moved from another row or altered. */
export function openExposureDetail(
  value: string | null,
  incidentId: string,
  externalId: string,
  category: string,
  kr?: Keyring,
): string | null {
  if (value === null) return null;
  const plaintext = decryptField(value, exposureDetailAad(incidentId, externalId, category), kr);
  let detail: unknown;
  try {
    detail = JSON.parse(plaintext);
  } catch {
    // Not JSON.parse's own message: it may quote the input.
    detail = null;
  }
  if (typeof detail !== "string") throw new Error("malformed exposure detail");
  return detail;
}
