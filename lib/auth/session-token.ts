import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from "node:crypto";

// The session cookie's token, read and re-issued without going through next-auth's request machinery.
//
// Why: next-auth's auth() runs its whole session endpoint (a synthetic Request, decode, jwt callback, re-encode,
// a JSON Response) and does each JWE step through WebCrypto with a fresh HKDF key derivation: about a millisecond
// per call, and the traveller pages called it three times per request (proxy, layout, page). This module makes the
// very same token (Auth.js format: compact JWE, "dir" + A256CBC-HS512, key = HKDF-SHA256(secret, salt = cookie
// name), kid = the key's JWK thumbprint) with node:crypto, synchronously, with the derived key computed once per
// process. Tokens next-auth issues at sign-in read here, and tokens issued here read in next-auth (tests prove both).
// No import of "server-only": proxy.ts uses it too.

const ALG = "dir";
const ENC = "A256CBC-HS512";

type DerivedKey = { macKey: Buffer; encKey: Buffer; kid: string; header: string };
// Keyed by secret and salt: a derivation of configuration, not anyone's data, so it may live for the process.
const derived = new Map<string, DerivedKey>();

function keyFor(secret: string, salt: string): DerivedKey {
  const id = `${salt}\u0000${secret}`;
  let k = derived.get(id);
  if (!k) {
    const key = Buffer.from(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    // RFC 7638 thumbprint of the symmetric JWK, as Auth.js computes it (SHA-512 for a 512-bit key).
    const kid = createHash("sha512")
      .update(`{"k":"${key.toString("base64url")}","kty":"oct"}`)
      .digest("base64url");
    const header = Buffer.from(JSON.stringify({ alg: ALG, enc: ENC, kid })).toString("base64url");
    // RFC 7518 5.2.2.1: the first half authenticates, the second half encrypts.
    k = { macKey: key.subarray(0, 32), encKey: key.subarray(32), kid, header };
    derived.set(id, k);
  }
  return k;
}

/** RFC 7518 5.2.2.1 authentication tag: HMAC-SHA-512 over AAD ‖ IV ‖ ciphertext ‖ AAD bit length, truncated. */
function tagOf(macKey: Buffer, aad: string, iv: Buffer, ciphertext: Buffer): Buffer {
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(Buffer.byteLength(aad, "ascii") * 8));
  return createHmac("sha512", macKey)
    .update(aad, "ascii")
    .update(iv)
    .update(ciphertext)
    .update(al)
    .digest()
    .subarray(0, 32);
}

export type TokenClaims = Record<string, unknown> & { iat?: number; exp?: number };

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Issues a token: the claims plus iat (now), exp (now + maxAge) and a random jti, as Auth.js does. */
export function encodeSessionToken(p: {
  claims: Record<string, unknown>;
  secret: string;
  salt: string;
  maxAge: number;
  now?: number;
}): string {
  const k = keyFor(p.secret, p.salt);
  const now = p.now ?? nowSeconds();
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = p.claims;
  const payload = JSON.stringify({ ...claims, iat: now, exp: now + p.maxAge, jti: randomUUID() });
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", k.encKey, iv);
  const ciphertext = Buffer.concat([cipher.update(payload, "utf8"), cipher.final()]);
  const tag = tagOf(k.macKey, k.header, iv, ciphertext);
  return `${k.header}..${iv.toString("base64url")}.${ciphertext.toString("base64url")}.${tag.toString("base64url")}`;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

/**
 * The token's claims, or null when it is malformed, not ours (wrong key, other algorithm), tampered with, or past
 * its exp. The tag is checked, in constant time, before anything is decrypted.
 */
export function decodeSessionToken(p: {
  token: string;
  secret: string;
  salt: string;
  now?: number;
}): TokenClaims | null {
  const parts = p.token.split(".");
  if (parts.length !== 5) return null;
  const [headerB64, encryptedKey, ivB64, ciphertextB64, tagB64] = parts as [string, string, string, string, string];
  if (encryptedKey !== "" || !parts.every((s) => B64URL.test(s))) return null;
  const k = keyFor(p.secret, p.salt);
  if (headerB64 !== k.header) {
    // Only the exact header this module and Auth.js write: alg "dir", enc A256CBC-HS512, our kid, nothing else
    // (no "zip", no "crit"). Auth.js writes the same three members in the same order, so this is a fast path.
    let header: unknown;
    try {
      header = JSON.parse(Buffer.from(headerB64, "base64url").toString("utf8"));
    } catch {
      return null;
    }
    const h = header as Record<string, unknown>;
    if (!h || typeof h !== "object" || Object.keys(h).some((key) => !["alg", "enc", "kid"].includes(key))) return null;
    if (h.alg !== ALG || h.enc !== ENC || (h.kid !== undefined && h.kid !== k.kid)) return null;
  }
  const iv = Buffer.from(ivB64, "base64url");
  const ciphertext = Buffer.from(ciphertextB64, "base64url");
  const tag = Buffer.from(tagB64, "base64url");
  if (iv.length !== 16 || tag.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;
  if (!timingSafeEqual(tag, tagOf(k.macKey, headerB64, iv, ciphertext))) return null;
  let claims: unknown;
  try {
    const decipher = createDecipheriv("aes-256-cbc", k.encKey, iv);
    claims = JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8"));
  } catch {
    return null;
  }
  if (!claims || typeof claims !== "object" || Array.isArray(claims)) return null;
  const c = claims as TokenClaims;
  const now = p.now ?? nowSeconds();
  if (typeof c.exp !== "number" || c.exp <= now) return null;
  if (c.iat !== undefined && typeof c.iat !== "number") return null;
  if (c.nbf !== undefined && (typeof c.nbf !== "number" || c.nbf > now)) return null;
  return c;
}
