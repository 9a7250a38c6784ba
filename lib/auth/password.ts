import "server-only";
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

// Agent passwords, stored only as scrypt hashes: "scrypt$<N>$<r>$<p>$<salt>$<hash>" (base64url), so the cost can
// be raised later and old hashes still verify. 2^15 × 8 × 128 bytes = 32 MiB and tens of milliseconds per guess
// makes a stolen table slow to attack; sign-in attempts are also limited in the database (lib/agent/sign-in.ts).

type Cost = { N: number; r: number; p: number };
export const PRODUCTION_COST: Cost = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;

/**
 * The cost new hashes (and the decoy) use. Tests may lower it with PASSWORD_HASH_TEST_N (a power of two), read only
 * when APP_ENV=test, so dozens of test hashes do not take seconds each on a busy machine; any other environment
 * always uses the production cost, which tests/agent-console.test.ts still checks once.
 */
function currentCost(): Cost {
  const n = Number(process.env.PASSWORD_HASH_TEST_N);
  if (process.env.APP_ENV === "test" && Number.isSafeInteger(n) && n >= 2 && (n & (n - 1)) === 0)
    return { ...PRODUCTION_COST, N: n };
  return PRODUCTION_COST;
}

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...o, maxmem: 256 * o.N * o.r + (1 << 20) };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, cost: Cost = currentCost()): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

// A well-formed hash, at the current cost, of a password nobody has: checked when the email is unknown, so a wrong
// email costs the same time as a wrong password and the answer time does not tell which accounts exist. Fixed salt
// and key (never compared: the result is false whatever it is), so even the first unknown email of a process costs
// one scrypt, not two.
const decoyHash = ({ N, r, p }: Cost) =>
  `scrypt$${N}$${r}$${p}$3u7lJbWq1xU2mD0Y5cXo9A$Nw8pQ1b0r2Jk3xYv5T6uZs7Aa9Cc0Dd1Ee2Ff3Gg4Hh`;

/** True when `password` matches `stored`. With no stored hash, does the same work and returns false. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? decoyHash(currentCost())).split("$");
  const [scheme, n, r, p, salt, hash] = parts;
  if (parts.length !== 6 || scheme !== "scrypt" || !salt || !hash) return false;
  const o = { N: Number(n), r: Number(r), p: Number(p) };
  if (![o.N, o.r, o.p].every((v) => Number.isSafeInteger(v) && v > 0) || o.N > 2 ** 20) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await derive(password, Buffer.from(salt, "base64url"), o);
  return stored !== null && expected.length === key.length && timingSafeEqual(expected, key);
}
