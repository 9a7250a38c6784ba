import { hkdfSync, randomUUID } from "node:crypto";
import { base64url, calculateJwkThumbprint, EncryptJWT, type JWTPayload, jwtDecrypt } from "jose";

// next-auth's own token format (Auth.js `encode`/`decode` in @auth/core/jwt.js: a JWE with alg "dir" and enc
// A256CBC-HS512, the key HKDF-SHA256(secret, salt = cookie name), kid the key's JWK thumbprint), through the same
// library (jose), but with the derived key and its thumbprint computed once per secret and salt instead of on every
// call: Auth.js derives both again for each encode and decode, which was most of the cost of a session read.
// Plugged in through next-auth's `jwt.encode`/`jwt.decode` extension points (lib/auth/session-config.ts); tokens
// are interchangeable with next-auth's own functions (tests/traveller-session.test.ts).
// No import of "server-only": proxy.ts uses it too.

const ALG = "dir";
const ENC = "A256CBC-HS512";

type DerivedKey = { key: Uint8Array; kid: string };
// Keyed by salt and secret: derived from configuration, never from anyone's data, so it may live for the process.
const derived = new Map<string, Promise<DerivedKey>>();

function keyFor(secret: string, salt: string): Promise<DerivedKey> {
  const id = `${salt}\u0000${secret}`;
  let k = derived.get(id);
  if (!k) {
    const key = new Uint8Array(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    k = calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, "sha512").then((kid) => ({ key, kid }));
    derived.set(id, k);
  }
  return k;
}

const secretsOf = (secret: string | string[]) => (Array.isArray(secret) ? secret : [secret]);

/** As Auth.js `encode`: the claims plus iat, exp (now + maxAge) and a random jti, sealed with the first secret. */
export async function encodeToken(p: {
  token?: JWTPayload;
  secret: string | string[];
  salt: string;
  maxAge: number;
}): Promise<string> {
  const { key, kid } = await keyFor(secretsOf(p.secret)[0]!, p.salt);
  return new EncryptJWT(p.token ?? {})
    .setProtectedHeader({ alg: ALG, enc: ENC, kid })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + p.maxAge)
    .setJti(randomUUID())
    .encrypt(key);
}

/** As Auth.js `decode`: the claims, or an error (expired, tampered, not ours); any listed secret may have sealed it. */
export async function decodeToken(p: {
  token?: string;
  secret: string | string[];
  salt: string;
}): Promise<JWTPayload | null> {
  if (!p.token) return null;
  const { payload } = await jwtDecrypt(
    p.token,
    async ({ kid }) => {
      for (const secret of secretsOf(p.secret)) {
        const k = await keyFor(secret, p.salt);
        if (kid === undefined || kid === k.kid) return k.key;
      }
      throw new Error("no matching decryption secret");
    },
    { clockTolerance: 15, keyManagementAlgorithms: [ALG], contentEncryptionAlgorithms: [ENC] },
  );
  return payload;
}
