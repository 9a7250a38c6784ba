import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// Application-level AES-256-GCM for the personal fields the portal keeps (date of birth, email, phone,
// mailing address, rewards ID, activation codes). Format: "v1.<keyId>.<iv>.<ciphertext+tag>" (base64url).
// The key id lets keys rotate: old values stay readable while new ones use ENCRYPTION_KEY_ID.
// The associated data binds a value to its row and column, so a ciphertext copied to another row fails.

export type Aad = string;

/** The associated data for one column of one row: `table.column:rowKey`. */
export const aadFor = (table: string, column: string, rowKey: string): Aad => `${table}.${column}:${rowKey}`;

type Keyring = { current: string; keys: Map<string, Buffer> };

export function keyringFromEnv(): Keyring {
  const e = env();
  return { current: e.ENCRYPTION_KEY_ID, keys: e.ENCRYPTION_KEYS };
}

let ring: Keyring | undefined;
const keyring = () => (ring ??= keyringFromEnv());

export function encryptField(plaintext: string, aad: Aad, kr: Keyring = keyring()): string {
  const key = kr.keys.get(kr.current);
  if (!key) throw new Error("current encryption key is missing");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1.${kr.current}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

export function decryptField(value: string, aad: Aad, kr: Keyring = keyring()): string {
  const [version, keyId, ivB64, bodyB64] = value.split(".");
  if (version !== "v1" || !keyId || !ivB64 || !bodyB64) throw new Error("malformed encrypted value");
  const key = kr.keys.get(keyId);
  if (!key) throw new Error(`no key with id ${keyId}`);
  const body = Buffer.from(bodyB64, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(ivB64, "base64url"));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
}

export const encryptNullable = (v: string | null | undefined, aad: Aad) => (v ? encryptField(v, aad) : null);
export const decryptNullable = (v: string | null | undefined, aad: Aad) => (v ? decryptField(v, aad) : null);

/** The key id a stored value was written with, for rotation jobs. */
export const keyIdOf = (value: string) => value.split(".")[1] ?? null;
