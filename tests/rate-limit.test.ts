import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { devToolsOpenTo } from "@/app/(dev)/dev/access";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { countAttempt, countAttempts } from "@/db/queries/rate-limit";
import { parseEnv } from "@/lib/env";
import { sameOriginPath } from "@/lib/i18n/return-path";
import {
  clientIpFrom,
  clientSubject,
  isLoopback,
  parseLimitPolicy,
  type VerificationLimitPolicy,
  verificationBuckets,
} from "@/lib/rate-limit";
import { startChallenge } from "@/lib/verification/start-challenge";
import { formatWait } from "@/lib/verification/wait";
import { randomBookingRef } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase, testDbKind } from "./helpers/test-db";

let t: TestDatabase;
/** On PostgreSQL, a second pool with many connections, so the parallel calls really run at the same time. */
let wide: DatabaseHandle | undefined;
beforeAll(async () => {
  t = await createTestDatabase();
  if (t.url) wide = await openDatabase({ url: t.url, max: 20 });
});
afterAll(async () => {
  await wide?.close();
  await t?.destroy();
});

const policy = (vars: Record<string, string>): VerificationLimitPolicy =>
  parseLimitPolicy({
    VERIFY_LIMIT_REF: "1000/15m",
    VERIFY_LIMIT_REF_TOTAL: "1000/15m",
    VERIFY_LIMIT_IP: "1000/10m",
    VERIFY_LIMIT_GLOBAL: "100000/1m",
    ...vars,
  });

/** Step one as production runs it (lib/verification/start-challenge.ts), reduced to allowed or not. */
const stepOne = async (db: TestDatabase["db"], bookingRef: string, ip: string, p: VerificationLimitPolicy) =>
  (
    await startChallenge(
      db,
      { bookingRef, lastName: "Nobody", dateOfBirth: "1990-01-01" },
      { ip, locale: "en", policy: p },
    )
  ).kind === "started";

// PGlite has one connection: calls queue and cannot race there, so these run on PostgreSQL only.
describe.runIf(testDbKind() === "postgres")("rate limits under real concurrency (PostgreSQL only)", () => {
  it("counts exactly: 50 parallel step-one requests on 20 connections, limit 10 per reference → exactly 10", async () => {
    const ref = randomBookingRef();
    const p = policy({ VERIFY_LIMIT_REF_TOTAL: "10/1d" });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => stepOne(wide!.db, ref, `10.0.${i}.1`, p)));
    expect(results.filter(Boolean)).toHaveLength(10);
  });

  it("hands out every count exactly once to parallel statements on one bucket", async () => {
    const bucket = { bucket: `test:exact:${randomBookingRef()}`, windowSeconds: 3600, limit: 25 };
    const decisions = await Promise.all(
      Array.from({ length: 40 }, () => countAttempt(wide!.db, { first: [bucket], after: [] })),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(25);
  });
});

describe("step-one limits", () => {
  it("treats an IPv6 /64 as one client, so rotating addresses inside it gets no fresh budget", async () => {
    const p = policy({ VERIFY_LIMIT_IP: "3/10m" });
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:7`;
    for (const suffix of ["::1", "::2", ":abcd:1:2:3"])
      expect(await stepOne(t.db, randomBookingRef(), `${prefix}${suffix}`, p)).toBe(true);
    expect(await stepOne(t.db, randomBookingRef(), `${prefix}:ffff::9`, p)).toBe(false);
    expect(await stepOne(t.db, randomBookingRef(), `${prefix.slice(0, -1)}8::1`, p)).toBe(true);
  });

  it("an IPv4-mapped address written in hex is the same client as its dotted form", async () => {
    const p = policy({ VERIFY_LIMIT_IP: "2/10m" });
    expect(await stepOne(t.db, randomBookingRef(), "192.0.2.77", p)).toBe(true);
    expect(await stepOne(t.db, randomBookingRef(), "::ffff:c000:24d", p)).toBe(true);
    expect(await stepOne(t.db, randomBookingRef(), "::ffff:192.0.2.77", p)).toBe(false);
  });

  it("limits a reference per client, so clients elsewhere cannot lock its traveller out, under a looser total", async () => {
    const p = policy({ VERIFY_LIMIT_REF: "2/15m", VERIFY_LIMIT_REF_TOTAL: "5/15m" });
    const ref = randomBookingRef();
    expect(await stepOne(t.db, ref, "192.0.2.10", p)).toBe(true);
    expect(await stepOne(t.db, ref, "192.0.2.10", p)).toBe(true);
    expect(await stepOne(t.db, ref, "192.0.2.10", p)).toBe(false);
    // The traveller, from their own address, still gets in.
    expect(await stepOne(t.db, ref, "198.51.100.1", p)).toBe(true);
    expect(await stepOne(t.db, ref, "198.51.100.2", p)).toBe(true);
    expect(await stepOne(t.db, ref, "198.51.100.3", p)).toBe(true);
    // The looser ceiling across every client.
    expect(await stepOne(t.db, ref, "198.51.100.4", p)).toBe(false);
  });

  it("a client over its own limit does not use up the reference's budget", async () => {
    const p = policy({ VERIFY_LIMIT_IP: "2/10m", VERIFY_LIMIT_REF_TOTAL: "3/15m" });
    const ref = randomBookingRef();
    const noisy = "192.0.2.11";
    await stepOne(t.db, randomBookingRef(), noisy, p);
    await stepOne(t.db, randomBookingRef(), noisy, p);
    for (let i = 0; i < 5; i++) expect(await stepOne(t.db, ref, noisy, p)).toBe(false);
    for (let i = 0; i < 3; i++) expect(await stepOne(t.db, ref, `198.51.101.${i}`, p)).toBe(true);
  });

  it("past the global limit, degrades to a small budget per client instead of refusing everyone", async () => {
    // The global bucket is shared by the whole database, so this test uses its own window length.
    const p = policy({ VERIFY_LIMIT_GLOBAL: "3/7m", VERIFY_LIMIT_IP_BUSY: "2/1h" });
    for (let i = 0; i < 3; i++) expect(await stepOne(t.db, randomBookingRef(), `100.64.0.${i}`, p)).toBe(true);
    // A flood from one client: its busy budget, then refused.
    const flooder = "100.64.1.1";
    const flood = [];
    for (let i = 0; i < 5; i++) flood.push(await stepOne(t.db, randomBookingRef(), flooder, p));
    expect(flood).toEqual([true, true, false, false, false]);
    // Every other traveller still gets through.
    for (let i = 0; i < 5; i++) expect(await stepOne(t.db, randomBookingRef(), `100.64.2.${i}`, p)).toBe(true);
  });

  it("counts a batch in one statement with the outcome each attempt would have had alone", async () => {
    const p = policy({ VERIFY_LIMIT_REF: "2/15m" });
    const ref = randomBookingRef();
    const decisions = await countAttempts(
      t.db,
      Array.from({ length: 4 }, () => verificationBuckets({ bookingRef: ref, ip: "192.0.2.12" }, p)),
    );
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, false, false]);
  });

  it("stores no booking reference or IP address in bucket names", async () => {
    const ref = randomBookingRef();
    await stepOne(t.db, ref, "203.0.113.77", policy({}));
    const { rateLimits } = await import("@/db/schema");
    const names = (await t.db.select({ bucket: rateLimits.bucket }).from(rateLimits)).map((r) => r.bucket).join("\n");
    expect(names).not.toContain(ref);
    expect(names).not.toContain("203.0.113.77");
  });
});

describe("the client address", () => {
  const socketHeader = "x-portal-socket-test";
  const h = (v: Record<string, string>) => new Headers(v);
  afterEach(() => {
    delete process.env.PORTAL_SOCKET_HEADER;
  });

  it("is the socket address, whatever X-Forwarded-For the client sends, unless proxies are configured", () => {
    process.env.PORTAL_SOCKET_HEADER = socketHeader;
    const spoofed = h({ "x-forwarded-for": "6.6.6.6", [socketHeader]: "203.0.113.5" });
    expect(clientIpFrom(spoofed, 0)).toBe("203.0.113.5");
    expect(clientIpFrom(h({ "x-forwarded-for": "not-an-ip", [socketHeader]: "203.0.113.5" }), 0)).toBe("203.0.113.5");
  });

  it("with N trusted proxies, is the address N places from the right of the chain ending at the socket", () => {
    process.env.PORTAL_SOCKET_HEADER = socketHeader;
    expect(clientIpFrom(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.5", [socketHeader]: "10.0.0.2" }), 1)).toBe(
      "203.0.113.5",
    );
    expect(clientIpFrom(h({ "x-forwarded-for": "203.0.113.5, 10.0.0.3", [socketHeader]: "10.0.0.2" }), 2)).toBe(
      "203.0.113.5",
    );
    // A value that is not an address never names a client (it would be a bucket of the client's choosing).
    expect(clientIpFrom(h({ "x-forwarded-for": "garbage-1", [socketHeader]: "10.0.0.2" }), 1)).toBe("10.0.0.2");
    expect(clientIpFrom(h({ [socketHeader]: "10.0.0.2" }), 1)).toBe("10.0.0.2");
  });

  it("never believes a socket header under any other name (a client cannot guess the server's)", () => {
    process.env.PORTAL_SOCKET_HEADER = socketHeader;
    expect(clientIpFrom(h({ "x-portal-socket-guess": "127.0.0.1", [socketHeader]: "203.0.113.5" }), 0)).toBe(
      "203.0.113.5",
    );
  });

  it("names a client by its IPv4 address or its IPv6 /64, whichever way the address is written", () => {
    expect(clientSubject("203.0.113.5")).toBe("203.0.113.5");
    expect(clientSubject("203.0.113.5:51234")).toBe("203.0.113.5");
    expect(clientSubject("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(clientSubject("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(clientSubject("0:0:0:0:0:ffff:cb00:7105")).toBe("203.0.113.5");
    expect(clientSubject("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(clientSubject("2001:0DB8:0001:0002::9")).toBe("2001:db8:1:2::/64");
    expect(clientSubject("[2001:db8:1:2::9]:443")).toBe("2001:db8:1:2::/64");
    expect(clientSubject("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientSubject("::1")).toBe("0:0:0:0::/64");
  });

  it("knows loopback in every spelling, and the dev tools open only to it", () => {
    for (const a of ["127.0.0.1", "127.5.6.7", "::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "[::1]:3000"])
      expect(isLoopback(a), a).toBe(true);
    for (const a of ["203.0.113.5", "::2", "unknown", "", "::ffff:cb00:7105", "0.0.0.0"])
      expect(isLoopback(a), a).toBe(false);
    expect(devToolsOpenTo("127.0.0.1")).toBe(true);
    expect(devToolsOpenTo("203.0.113.5")).toBe(false);
  });
});

describe("configuration and wording", () => {
  it("parses count/window lists and falls back to defaults", () => {
    expect(parseLimitPolicy({ VERIFY_LIMIT_REF: "5/1m, 20/2h" }).ref).toEqual([
      { limit: 5, windowSeconds: 60 },
      { limit: 20, windowSeconds: 7200 },
    ]);
    expect(parseLimitPolicy({}).global).toEqual([{ limit: 6000, windowSeconds: 60 }]);
    expect(parseLimitPolicy({}).codePerson).toEqual([{ limit: 10, windowSeconds: 86_400 }]);
    expect(() => parseLimitPolicy({ VERIFY_CODE_LIMIT_IP: "lots" })).toThrow(/VERIFY_CODE_LIMIT_IP/);
  });

  it("refuses to start in production unless TRUSTED_PROXY_HOPS is set explicitly", () => {
    const key = () => Buffer.alloc(32, 7).toString("base64");
    const prod: NodeJS.ProcessEnv = {
      NODE_ENV: "test",
      APP_ENV: "production",
      ENCRYPTION_KEYS: `k1:${key()}`,
      BLIND_INDEX_KEY: key(),
      AUTH_SECRET: "x".repeat(40),
      SMTP_URL: "smtp://mail.example.org:587",
    };
    expect(() => parseEnv(prod)).toThrow(/TRUSTED_PROXY_HOPS: .*must be set in production/);
    expect(parseEnv({ ...prod, TRUSTED_PROXY_HOPS: "0" }).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ ...prod, TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => parseEnv({ ...prod, TRUSTED_PROXY_HOPS: "one" })).toThrow(/TRUSTED_PROXY_HOPS/);
  });

  it("says how long to wait in minutes, hours or days, in English and French", () => {
    expect(formatWait("en", 30)).toBe("1 minute");
    expect(formatWait("en", 15 * 60)).toBe("15 minutes");
    expect(formatWait("en", 1269 * 60)).toBe("22 hours");
    expect(formatWait("fr", 1269 * 60)).toBe("22 heures");
    expect(formatWait("en", 3600 * 2)).toBe("2 hours");
    expect(formatWait("fr", 86_400 * 3)).toBe("3 jours");
    expect(formatWait("en", 86_400 * 2)).toBe("2 days");
  });

  it("the language switch returns only to a path on this site", () => {
    expect(sameOriginPath("/my/companions?x=1#top")).toBe("/my/companions?x=1#top");
    for (const evil of [
      "/\\evil.example",
      "/\t/evil.example",
      "//evil.example",
      "/\n/evil.example",
      "https://evil.example",
      "\\\\evil.example",
      null,
    ])
      expect(sameOriginPath(evil), String(evil)).toBe("/");
  });
});
