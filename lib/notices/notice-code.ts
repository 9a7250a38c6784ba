import "server-only";
import { createHmac, randomInt } from "node:crypto";
import { env } from "@/lib/env";

// The personal code printed on a letter: the second factor of people with no email on file (booking reference,
// last name and date of birth are in the attackers' hands; the code is only on paper in the person's mailbox).
// 12 Crockford base-32 characters (60 bits), printed as XXXX-XXXX-XXXX. Stored only as a keyed HMAC, so the
// check is one indexed equality and a copy of the database alone reveals no code.

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U
const LENGTH = 12;

/** A new random code, formatted for print. */
export function newNoticeCode(): string {
  let raw = "";
  for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/**
 * What a person types, reduced to the code's characters: case, spaces and dashes do not matter, and the letters
 * people confuse with digits read as those digits (Crockford's rule). Null when it cannot be a code.
 */
export function normaliseNoticeCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  return s.length === LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

let key: Buffer | undefined;
const hmacKey = () => (key ??= Buffer.from(env().BLIND_INDEX_KEY, "base64"));

/** What notice_codes.code_hash holds for a code (printed or typed; normalised first). */
export function noticeCodeHash(code: string): string | null {
  const normal = normaliseNoticeCode(code);
  return normal === null ? null : createHmac("sha256", hmacKey()).update(`notice-code\u0000${normal}`).digest("hex");
}
