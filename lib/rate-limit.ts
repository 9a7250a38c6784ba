import "server-only";
import { createHmac } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";
import type { Database } from "@/db/client";
import { type AttemptDecision, countAttempt, type LimitedBucket } from "@/db/queries/rate-limit";
import { bookingRefIndex } from "@/lib/crypto/blind-index";
import { env } from "@/lib/env";

// Attempt limits for verification step one, counted in PostgreSQL so every instance shares them.
// Every attempt counts, matched or not: the limit itself must not tell anyone whether a booking exists.
// Buckets hold keyed hashes, never a booking reference or an IP address.
//
// Configuration (each a comma-separated list of count/window, window in s, m, h or d):
//   VERIFY_LIMIT_REF    per booking reference   default "10/15m,30/1d"
//   VERIFY_LIMIT_IP     per client IP           default "40/10m,200/1d"
//   VERIFY_LIMIT_GLOBAL across everyone         default "6000/1m"
//   TRUSTED_PROXY_HOPS  proxies that append to X-Forwarded-For in front of the app (default 1)

export type LimitRule = { limit: number; windowSeconds: number };
export type VerificationLimitPolicy = { ref: LimitRule[]; ip: LimitRule[]; global: LimitRule[] };

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

const ruleList = z.string().transform((raw, ctx) => {
  const rules: LimitRule[] = [];
  for (const part of raw
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d+)\/(\d+)([smhd])$/.exec(part);
    if (!m) {
      ctx.addIssue({ code: "custom", message: `bad limit "${part}": use count/window like 10/15m` });
      return z.NEVER;
    }
    rules.push({ limit: Number(m[1]), windowSeconds: Number(m[2]) * UNIT_SECONDS[m[3] as keyof typeof UNIT_SECONDS] });
  }
  return rules;
});

export function parseLimitPolicy(source: Record<string, string | undefined>): VerificationLimitPolicy {
  const value = (k: string, d: string) => (source[k] && source[k]!.trim() ? source[k]! : d);
  return {
    ref: ruleList.parse(value("VERIFY_LIMIT_REF", "10/15m,30/1d")),
    ip: ruleList.parse(value("VERIFY_LIMIT_IP", "40/10m,200/1d")),
    global: ruleList.parse(value("VERIFY_LIMIT_GLOBAL", "6000/1m")),
  };
}

let cachedPolicy: VerificationLimitPolicy | undefined;
export const verificationLimitPolicy = () => (cachedPolicy ??= parseLimitPolicy(process.env));

/**
 * The client address for rate limiting. Each proxy appends the address it received the request from, so the
 * entries on the left are whatever the client chose to send; the trustworthy one is TRUSTED_PROXY_HOPS from the
 * right (with one load balancer: the last). Without a proxy, Next.js fills X-Forwarded-For with the socket address.
 */
export function clientIpFrom(headers: Headers, hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 1) || 1): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (forwarded.length > 0) return forwarded[Math.max(0, forwarded.length - hops)]!;
  return headers.get("x-real-ip")?.trim() || "unknown";
}

/**
 * What one client is, for the per-client limit. An IPv4 address is itself (also written IPv4-mapped, or with a
 * port); an IPv6 address stands for its /64, because one subscriber or one cloud instance gets a whole /64 and
 * could otherwise rotate through 2^64 addresses, each with a fresh budget. Anything unparseable is kept as typed.
 */
export function clientSubject(ip: string): string {
  let a = ip.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(a);
  if (v4WithPort) a = v4WithPort[1]!;
  a = a.replace(/%.*$/, "");
  const mapped =
    /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a) ?? /^::(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) a = mapped[1]!;
  if (isIPv4(a)) return a;
  if (!isIPv6(a)) return a;
  // Expand "::" and keep the first four groups.
  const [head = "", tail] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

let limitKey: Buffer | undefined;
/** A keyed hash in its own domain (never equal to any blind index of personal data): what bucket names hold. */
function keyed(domain: string, value: string): string {
  limitKey ??= Buffer.from(env().BLIND_INDEX_KEY, "base64");
  return createHmac("sha256", limitKey).update(`${domain}\u0000${value}`, "utf8").digest("hex").slice(0, 32);
}

/** Keyed hash of the client. */
const ipBucketId = (ip: string) => keyed("ratelimit-ip", clientSubject(ip));

export type LimitDecision = AttemptDecision;

const bucketsFor = (scope: string, id: string, rules: LimitRule[]): LimitedBucket[] =>
  rules.map((r) => ({
    bucket: `verify:${scope}:${r.windowSeconds}:${id}`,
    windowSeconds: r.windowSeconds,
    limit: r.limit,
  }));

/**
 * The buckets one step-one attempt counts in. The IP's come first and are counted on their own: a client already
 * over its own limit does not also use up the booking reference's budget (which would let one noisy client lock a
 * traveller out) or the global one. Then the reference, then global: the same order in every call, so concurrent
 * calls cannot deadlock.
 */
export function verificationBuckets(
  who: { bookingRef: string; ip: string },
  policy: VerificationLimitPolicy = verificationLimitPolicy(),
) {
  return {
    first: bucketsFor("ip", ipBucketId(who.ip), policy.ip),
    after: [
      ...bucketsFor("ref", bookingRefIndex(who.bookingRef), policy.ref),
      ...bucketsFor("global", "all", policy.global),
    ],
  };
}

/** Counts one step-one attempt (without starting a challenge; start-challenge.ts does both in one statement). */
export async function consumeVerificationAttempt(
  db: Database,
  who: { bookingRef: string; ip: string },
  policy: VerificationLimitPolicy = verificationLimitPolicy(),
): Promise<LimitDecision> {
  return countAttempt(db, verificationBuckets(who, policy));
}

/**
 * Agent sign-in limits. The tight one is per account *from one client*, so nobody can lock an agent out by guessing
 * their work address from elsewhere; per account overall and across all sign-ins the limits are loose, to stop a
 * spread-out guess and to keep scrypt (32 MiB a try) from starving the server.
 */
export const AGENT_SIGN_IN_LIMITS = {
  client: [{ limit: 30, windowSeconds: 15 * 60 }],
  accountFromClient: [{ limit: 10, windowSeconds: 15 * 60 }],
  account: [{ limit: 200, windowSeconds: 60 * 60 }],
  global: [{ limit: 600, windowSeconds: 60 }],
};

/** Counts one agent sign-in attempt: the client's buckets first; the others only when the client is within its own. */
export function countAgentSignIn(db: Database, who: { email: string; ip: string }): Promise<LimitDecision> {
  const account = keyed("ratelimit-agent", who.email.trim().toLowerCase());
  const client = ipBucketId(who.ip);
  const rules = (scope: string, id: string, list: LimitRule[]) =>
    list.map((r) => ({ bucket: `agent:${scope}:${r.windowSeconds}:${id}`, ...r }));
  return countAttempt(db, {
    first: rules("ip", client, AGENT_SIGN_IN_LIMITS.client),
    after: [
      ...rules(
        "account-ip",
        keyed("ratelimit-agent-ip", `${account}\u0000${client}`),
        AGENT_SIGN_IN_LIMITS.accountFromClient,
      ),
      ...rules("account", account, AGENT_SIGN_IN_LIMITS.account),
      ...rules("global", "all", AGENT_SIGN_IN_LIMITS.global),
    ],
  });
}
