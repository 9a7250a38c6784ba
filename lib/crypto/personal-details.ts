import "server-only";
import { aadFor, decryptField, encryptField, type keyringFromEnv } from "@/lib/crypto/field-encryption";

// A person's personal details (date of birth, email, phone, mailing address, rewards ID) are kept as ONE
// AES-256-GCM value, people.personal_enc, in encryptField's format (key id included, so keys rotate), with the
// row (incident + the bundle's person_id) as associated data. Why one value rather than a column each:
//   - a column per field leaks each field's presence and length (a NULL phone_enc says "no phone"; an
//     email_enc's length is the email's length); one value hides whether a phone or address is on file and how
//     long each field is (the blind indexes still show whether there is an email and a rewards ID);
//   - the portal always needs them together (verification compares the date of birth and then mails the
//     address), so one decryption serves where two did;
//   - AES-GCM's cost is per value, not per byte: one value per person instead of up to five is what lets a
//     1.2-million-person import keep up with PostgreSQL's own COPY (bench:import).
// The plaintext is a JSON array in a fixed order; an absent field is "" (as in the bundle), padded with spaces
// to a multiple of PAD_BYTES (padToBlock) so the ciphertext's length no longer tracks the details' length: every
// person with ordinary details has a value of the same length. JSON.parse ignores the trailing spaces, so values
// written before padding (none of which carry any) still open.
// Equality lookups never decrypt: they use the blind indexes (people.email_bidx, people.rewards_bidx).

export type PersonalDetails = {
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  rewardsId: string | null;
};

type Keyring = ReturnType<typeof keyringFromEnv>;

/** The associated data binding a personal_enc value to its row. */
export const personalAad = (incidentId: string, externalId: string) =>
  aadFor("people", "personal", `${incidentId}:${externalId}`);

/** 256 bytes hold a date of birth, an email, a phone, an address and a rewards ID of ordinary length. */
export const PAD_BYTES = 256;

/** `text` followed by spaces up to the next multiple of `block` UTF-8 bytes (at least one block). */
export function padToBlock(text: string, block: number): string {
  const bytes = Buffer.byteLength(text, "utf8");
  const target = Math.max(block, Math.ceil(bytes / block) * block);
  return target === bytes ? text : text + " ".repeat(target - bytes);
}

/** The plaintext of personal_enc (fields as in the bundle, "" for none), padded. */
export const personalPlaintext = (
  dateOfBirth: string,
  email: string,
  phone: string,
  address: string,
  rewardsId: string,
) => padToBlock(JSON.stringify([dateOfBirth, email, phone, address, rewardsId]), PAD_BYTES);

export function sealPersonal(incidentId: string, externalId: string, d: PersonalDetails): string {
  return encryptField(
    personalPlaintext(d.dateOfBirth, d.email ?? "", d.phone ?? "", d.address ?? "", d.rewardsId ?? ""),
    personalAad(incidentId, externalId),
  );
}

/** Opens a personal_enc value; throws if it was moved from another row or altered. */
export function openPersonal(value: string, incidentId: string, externalId: string, kr?: Keyring): PersonalDetails {
  const plaintext = decryptField(value, personalAad(incidentId, externalId), kr);
  let fields: unknown;
  try {
    fields = JSON.parse(plaintext);
  } catch {
    // Not JSON.parse's own message: newer Node versions quote the input in it, and the input is personal data.
    fields = null;
  }
  if (!Array.isArray(fields) || fields.length !== 5 || !fields.every((f) => typeof f === "string"))
    throw new Error("malformed personal details");
  const [dateOfBirth, email, phone, address, rewardsId] = fields as [string, string, string, string, string];
  return {
    dateOfBirth,
    email: email || null,
    phone: phone || null,
    address: address || null,
    rewardsId: rewardsId || null,
  };
}
