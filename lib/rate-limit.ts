import "server-only";
import { createHmac } from "node:crypto";
import { isIP, isIPv4, isIPv6 } from "node:net";
import { z } from "zod";
import type { Database } from "@/db/client";
import { type Attempt, type AttemptDecision, countAttempt, type LimitedBucket } from "@/db/queries/rate-limit";
import { bookingRefIndex } from "@/lib/crypto/blind-index";
import { env } from "@/lib/env";

// Attempt limits, counted in PostgreSQL so every instance shares them. Every attempt counts, matched or not: the
// limit itself must not tell anyone whether a booking exists. Buckets hold keyed hashes, never a booking reference,
// a person or an IP address. docs/brute-force.md explains the numbers.
//
// Configuration (each a comma-separated list of count/window, window in s, m, h or d):
//   VERIFY_LIMIT_REF        step one per (booking reference, client)        default "10/15m,30/1d"
//   VERIFY_LIMIT_REF_TOTAL  step one per booking reference, every client    default "100/15m,300/1d"
//   VERIFY_LIMIT_IP         step one per client                            default "40/10m,200/1d"
//   VERIFY_LIMIT_GLOBAL     step one across everyone; over it, each client  default "6000/1m"
//   VERIFY_LIMIT_IP_BUSY      only gets this much (degraded, not refused)   default "3/1h"
//   VERIFY_CODE_MAIL_LIMIT  code emails per person, whoever asks            default "3/1h,10/1d"
//   VERIFY_CODE_LIMIT_PERSON failed codes per person, across challenges     default "10/1d"
//   VERIFY_CODE_LIMIT_IP    failed codes per client                         default "30/1h,100/1d"
//   VERIFY_CODE_ALERT       failed codes across everyone that raise an alert default "300/10m"
//   REWARDS_LINK_LIMIT      last names tried on one rewards link          default "5/1h,10/1d"
//   TRUSTED_PROXY_HOPS      proxies in front of the app (default 0: the socket address is the client)

export type LimitRule = { limit: number; windowSeconds: number };
export type VerificationLimitPolicy = {
  ref: LimitRule[];
  refTotal: LimitRule[];
  ip: LimitRule[];
  global: LimitRule[];
  ipBusy: LimitRule[];
  codeMail: LimitRule[];
  codePerson: LimitRule[];
  codeIp: LimitRule[];
  codeAlert: LimitRule[];
  rewardsLink: LimitRule[];
};

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

export const LIMIT_DEFAULTS = {
  VERIFY_LIMIT_REF: "10/15m,30/1d",
  VERIFY_LIMIT_REF_TOTAL: "100/15m,300/1d",
  VERIFY_LIMIT_IP: "40/10m,200/1d",
  VERIFY_LIMIT_GLOBAL: "6000/1m",
  VERIFY_LIMIT_IP_BUSY: "3/1h",
  VERIFY_CODE_MAIL_LIMIT: "3/1h,10/1d",
  VERIFY_CODE_LIMIT_PERSON: "10/1d",
  VERIFY_CODE_LIMIT_IP: "30/1h,100/1d",
  VERIFY_CODE_ALERT: "300/10m",
  REWARDS_LINK_LIMIT: "5/1h,10/1d",
} as const;

export function parseLimitPolicy(source: Record<string, string | undefined>): VerificationLimitPolicy {
  const rules = (k: keyof typeof LIMIT_DEFAULTS) => {
    const v = source[k]?.trim();
    const parsed = ruleList.safeParse(v ? v : LIMIT_DEFAULTS[k]);
    if (!parsed.success) throw new Error(`${k}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  };
  return {
    ref: rules("VERIFY_LIMIT_REF"),
    refTotal: rules("VERIFY_LIMIT_REF_TOTAL"),
    ip: rules("VERIFY_LIMIT_IP"),
    global: rules("VERIFY_LIMIT_GLOBAL"),
    ipBusy: rules("VERIFY_LIMIT_IP_BUSY"),
    codeMail: rules("VERIFY_CODE_MAIL_LIMIT"),
    codePerson: rules("VERIFY_CODE_LIMIT_PERSON"),
    codeIp: rules("VERIFY_CODE_LIMIT_IP"),
    codeAlert: rules("VERIFY_CODE_ALERT"),
    rewardsLink: rules("REWARDS_LINK_LIMIT"),
  };
}

let cachedPolicy: VerificationLimitPolicy | undefined;
export const verificationLimitPolicy = () => (cachedPolicy ??= parseLimitPolicy(process.env));

/**
 * The header the portal's own server (scripts/portal-server.ts) puts the socket address in. Its name carries a
 * random token chosen at start-up and kept in this process's environment, so a client cannot send one that is
 * believed; any copy a client sends under the name is dropped by that server before the app sees the request.
 */
export const socketHeaderName = (): string | undefined => process.env.PORTAL_SOCKET_HEADER || undefined;

/** An IP address as written in a header (brackets, a port, an IPv6 zone removed), or null when it is not one. */
export function parseIp(value: string | undefined | null): string | null {
  if (!value) return null;
  let a = value.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(a);
  if (v4WithPort) a = v4WithPort[1]!;
  a = a.replace(/%.*$/, "");
  return isIP(a) ? a : null;
}

/**
 * The client address for rate limiting and the outbox's loopback check. The socket address (from the portal's
 * server) is the client unless TRUSTED_PROXY_HOPS proxies stand in front of the app: then each of them appended
 * the address it received the request from to X-Forwarded-For, and the client is the entry that many places
 * from the right of [...X-Forwarded-For, socket]. Entries further left are whatever the client chose to send. An
 * entry that is not an IP address never names a client: the socket address stands in.
 * Without the portal's server (`next dev`), the socket address is Next.js's X-Forwarded-For (set to the socket
 * only when the client sent none): acceptable for development, which is why production runs the portal's server.
 */
export function clientIpFrom(headers: Headers, hops = trustedProxyHops()): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const header = socketHeaderName();
  const socket = header
    ? parseIp(headers.get(header))
    : parseIp(forwarded.length > 0 ? forwarded[forwarded.length - 1] : headers.get("x-real-ip"));
  const fallback = socket ?? "unknown";
  if (hops <= 0 || !header) return fallback;
  const chain = [...forwarded, fallback];
  return parseIp(chain[Math.max(0, chain.length - 1 - hops)]) ?? fallback;
}

/** TRUSTED_PROXY_HOPS (lib/env.ts checks it; production refuses to start without it set). */
export function trustedProxyHops(source: Record<string, string | undefined> = process.env): number {
  const n = Number(source.TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/** Whether an address is the machine itself (127.0.0.0/8 or ::1, also written IPv4-mapped). */
export function isLoopback(ip: string): boolean {
  const a = parseIp(ip);
  if (!a) return false;
  if (isIPv6(a) && normaliseIpv6(a).join(":") === "0:0:0:0:0:0:0:1") return true;
  return /^127\./.test(clientSubject(a));
}

/** The eight groups of an IPv6 address, without leading zeros. */
function normaliseIpv6(a: string): string[] {
  if (!isIPv6(a)) return [];
  let text = a;
  // A dotted tail (::ffff:1.2.3.4) becomes two hex groups.
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const [p, q, r, s] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return groups.map((g) => g.replace(/^0+(?=.)/, ""));
}

/**
 * What one client is, for the per-client limits. An IPv4 address is itself (also written IPv4-mapped, dotted or
 * in hex like ::ffff:7f00:1, or with a port); an IPv6 address stands for its /64, because one subscriber or one
 * cloud instance gets a whole /64 and could otherwise rotate through 2^64 addresses, each with a fresh budget.
 * Anything that is not an address is kept as typed (clientIpFrom never hands one over).
 */
export function clientSubject(ip: string): string {
  const a = parseIp(ip);
  if (!a) return ip.trim().toLowerCase();
  if (isIPv4(a)) return a;
  const groups = normaliseIpv6(a);
  if (groups.slice(0, 5).every((g) => g === "0") && (groups[5] === "ffff" || groups[5] === "0")) {
    const hi = Number.parseInt(groups[6]!, 16);
    const lo = Number.parseInt(groups[7]!, 16);
    // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (the old compatible form), but not :: or ::1 themselves.
    if (groups[5] === "ffff" || hi !== 0) return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return `${groups.slice(0, 4).join(":")}::/64`;
}

let limitKey: Buffer | undefined;
/** A keyed hash in its own domain (never equal to any blind index of personal data): what bucket names hold. */
function keyed(domain: string, value: string): string {
  limitKey ??= Buffer.from(env().BLIND_INDEX_KEY, "base64");
  return createHmac("sha256", limitKey).update(`${domain}\u0000${value}`, "utf8").digest("hex").slice(0, 32);
}

/** Keyed hash of the client. */
const ipBucketId = (ip: string) => keyed("ratelimit-ip", clientSubject(ip));
/** Keyed hash of a person (for the per-person limits of step two and of code emails). */
const personBucketId = (personId: number) => keyed("ratelimit-person", String(personId));

export type LimitDecision = AttemptDecision;

const bucketsFor = (scope: string, id: string, rules: LimitRule[], soft = false): LimitedBucket[] =>
  rules.map((r) => ({
    bucket: `verify:${scope}:${r.windowSeconds}:${id}`,
    windowSeconds: r.windowSeconds,
    limit: r.limit,
    ...(soft ? { soft: true } : {}),
  }));

/**
 * The buckets one step-one attempt counts in. The client's come first and are counted on their own: the client
 * overall, and the reference from this client (the tight limit, so one client cannot lock a traveller out for
 * everyone); a client over either does not also use up the reference's or the global budget. Then the reference
 * from every client (a looser ceiling), and the global one. The global limit is soft: past it the
 * portal does not refuse everyone but gives each client only a small budget of its own (`busy`) until the window
 * ends, so the few attempts a real traveller makes still go through while a flood from any one client stops.
 * The same order in every call, so concurrent calls cannot deadlock.
 */
export function verificationBuckets(
  who: { bookingRef: string; ip: string },
  policy: VerificationLimitPolicy = verificationLimitPolicy(),
): Attempt {
  const client = ipBucketId(who.ip);
  const ref = bookingRefIndex(who.bookingRef);
  return {
    first: [
      ...bucketsFor("ip", client, policy.ip),
      ...bucketsFor("refip", keyed("ratelimit-ref-ip", `${ref}\u0000${client}`), policy.ref),
    ],
    after: [...bucketsFor("ref", ref, policy.refTotal), ...bucketsFor("global", "all", policy.global, true)],
    busy: bucketsFor("ipbusy", client, policy.ipBusy),
  };
}

/** The buckets of one code email to a person (lib/verification/resolve-challenge.ts), whoever asked for it. */
export const codeMailBuckets = (
  personId: number,
  policy: VerificationLimitPolicy = verificationLimitPolicy(),
): Attempt => ({ first: [], after: bucketsFor("mail", personBucketId(personId), policy.codeMail) });

/**
 * The buckets of one code submitted at step two: the client's first (a client over its own limit does not use up
 * the person's), then the person's across all their challenges (none for a challenge that matched nobody), then
 * the global count, which never refuses anyone but raises the alert (lib/verification/code-alert.ts).
 */
export function codeAttemptBuckets(
  who: { personId: number | null; ip: string },
  policy: VerificationLimitPolicy = verificationLimitPolicy(),
): Attempt {
  return {
    first: bucketsFor("codeip", ipBucketId(who.ip), policy.codeIp),
    after: [
      ...(who.personId === null ? [] : bucketsFor("codeperson", personBucketId(who.personId), policy.codePerson)),
      ...bucketsFor("codeall", "all", policy.codeAlert, true),
    ],
  };
}

/**
 * The buckets of one last name tried on a rewards link (lib/rewards/link.ts): the client's failed-code budget
 * first (a client over it does not use up the link's), then the link's own (by its token's hash), so a link that
 * leaked cannot be walked through a list of names.
 */
export function rewardsLinkBuckets(
  who: { tokenHash: string; ip: string },
  policy: VerificationLimitPolicy = verificationLimitPolicy(),
): Attempt {
  return {
    first: bucketsFor("rewardsip", ipBucketId(who.ip), policy.codeIp),
    after: bucketsFor("rewardslink", keyed("ratelimit-rewards-link", who.tokenHash), policy.rewardsLink),
  };
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

/**
 * One caller search by an agent (lib/agent/callers.ts): AGENT_SEARCH_LIMIT an hour per agent, refused past it; and
 * AGENT_SEARCH_BURST within 5 minutes, which never refuses but reports `firstOver` once per window, for the
 * supervisors' alert. Counted whether or not anyone matched.
 */
export function countAgentSearch(db: Database, agentId: string): Promise<LimitDecision> {
  const id = keyed("ratelimit-agent-search", agentId);
  const { AGENT_SEARCH_LIMIT, AGENT_SEARCH_BURST } = env();
  return countAttempt(db, {
    first: [{ bucket: `agent-search:hour:${id}`, windowSeconds: 3600, limit: AGENT_SEARCH_LIMIT }],
    after: [{ bucket: `agent-search:burst:${id}`, windowSeconds: 300, limit: AGENT_SEARCH_BURST, soft: true }],
  });
}
