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

// next-auth's own token format (Auth.js `encode`/`decode` in @auth/core/jwt.js: a compact JWE with alg "dir" and
// enc A256CBC-HS512, the key HKDF-SHA256(secret, salt = cookie name), kid the key's JWK thumbprint), sealed and
// opened with node:crypto. Auth.js does the same through jose and WebCrypto: it derives the key and thumbprint
// again on every call, and each WebCrypto step (two key imports, the HMAC, the cipher) is an asynchronous job on
// the thread pool. A page read costs up to three of these (the proxy's decode, auth()'s decode and re-encode),
// which made next-auth most of the CPU of a signed-in page (bench:lookup, GET /my). Here the key is derived once
// per secret and salt and every step is synchronous.
// Plugged in through next-auth's `jwt.encode`/`jwt.decode` extension points (lib/auth/session-config.ts); tokens
// are interchangeable with next-auth's own functions (tests/token-codec.test.ts).
// No import of "server-only": proxy.ts uses it too.

type Claims = Record<string, unknown>;

const ENC = "A256CBC-HS512";
/** Tolerated clock skew on exp and nbf, as next-auth's decode (15 s). */
const CLOCK_TOLERANCE_SECONDS = 15;

type DerivedKey = { macKey: Buffer; encKey: Buffer; kid: string };
// Keyed by salt and secret: derived from configuration, never from anyone's data, so it may live for the process.
const derived = new Map<string, DerivedKey>();

function keyFor(secret: string, salt: string): DerivedKey {
  const id = `${salt}\u0000${secret}`;
  let k = derived.get(id);
  if (!k) {
    const key = Buffer.from(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    // RFC 7638 thumbprint of the symmetric JWK: SHA-512 of its required members in lexical order.
    const jwk = JSON.stringify({ k: key.toString("base64url"), kty: "oct" });
    // RFC 7518 5.2.2.1: the first half of the key authenticates, the second half encrypts.
    k = {
      macKey: key.subarray(0, 32),
      encKey: key.subarray(32),
      kid: createHash("sha512").update(jwk).digest("base64url"),
    };
    derived.set(id, k);
  }
  return k;
}

const secretsOf = (secret: string | string[]) => (Array.isArray(secret) ? secret : [secret]);

/** RFC 7518 5.2.2.1: the first 32 bytes of HMAC-SHA-512 over AAD, IV, ciphertext and the AAD's length in bits. */
function tagOf(macKey: Buffer, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(aad.length * 8));
  return createHmac("sha512", macKey).update(aad).update(iv).update(ciphertext).update(al).digest().subarray(0, 32);
}

const now = () => Math.floor(Date.now() / 1000);

/** As Auth.js `encode`: the claims plus iat, exp (now + maxAge) and a random jti, sealed with the first secret. */
export async function encodeToken(p: {
  token?: Claims;
  secret: string | string[];
  salt: string;
  maxAge: number;
}): Promise<string> {
  const { macKey, encKey, kid } = keyFor(secretsOf(p.secret)[0]!, p.salt);
  const iat = now();
  const payload = { ...p.token, iat, exp: iat + p.maxAge, jti: randomUUID() };
  const header = Buffer.from(JSON.stringify({ alg: "dir", enc: ENC, kid })).toString("base64url");
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", encKey, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), "utf8"), cipher.final()]);
  const tag = tagOf(macKey, Buffer.from(header, "ascii"), iv, ciphertext);
  return `${header}..${iv.toString("base64url")}.${ciphertext.toString("base64url")}.${tag.toString("base64url")}`;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

/**
 * As Auth.js `decode`: the claims, or an error (expired, tampered, not ours, not this format); any listed secret
 * may have sealed it.
 */
export async function decodeToken(p: {
  token?: string;
  secret: string | string[];
  salt: string;
}): Promise<Claims | null> {
  if (!p.token) return null;
  const parts = p.token.split(".");
  if (parts.length !== 5 || !parts.every((s) => B64URL.test(s))) throw new Error("not a compact JWE");
  const [headerPart, encryptedKey, ivPart, ciphertextPart, tagPart] = parts as [string, string, string, string, string];
  const header = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8")) as Claims;
  // Only the one algorithm pair, with no extensions and no compression: anything else is not a token we made.
  if (header.alg !== "dir" || header.enc !== ENC || encryptedKey !== "" || "crit" in header || "zip" in header) {
    throw new Error("unsupported token header");
  }
  const iv = Buffer.from(ivPart, "base64url");
  const ciphertext = Buffer.from(ciphertextPart, "base64url");
  const tag = Buffer.from(tagPart, "base64url");
  if (iv.length !== 16 || tag.length !== 32) throw new Error("malformed token");
  const aad = Buffer.from(headerPart, "ascii");

  for (const secret of secretsOf(p.secret)) {
    const k = keyFor(secret, p.salt);
    if (header.kid !== undefined && header.kid !== k.kid) continue;
    if (!timingSafeEqual(tagOf(k.macKey, aad, iv, ciphertext), tag)) continue;
    const decipher = createDecipheriv("aes-256-cbc", k.encKey, iv);
    const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
    const claims = JSON.parse(plain) as unknown;
    if (!claims || typeof claims !== "object" || Array.isArray(claims))
      throw new Error("token payload is not an object");
    const c = claims as Claims;
    const t = now();
    if (typeof c.exp !== "number" || c.exp <= t - CLOCK_TOLERANCE_SECONDS) throw new Error("token expired");
    if (c.nbf !== undefined && (typeof c.nbf !== "number" || c.nbf > t + CLOCK_TOLERANCE_SECONDS)) {
      throw new Error("token not yet valid");
    }
    if (c.iat !== undefined && typeof c.iat !== "number") throw new Error("token iat is not a number");
    return c;
  }
  throw new Error("no matching decryption secret");
}
