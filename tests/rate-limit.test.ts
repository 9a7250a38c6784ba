import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { hitBuckets } from "@/db/queries/rate-limit";
import {
  clientIpFrom,
  clientSubject,
  consumeVerificationAttempt,
  parseLimitPolicy,
  type VerificationLimitPolicy,
} from "@/lib/rate-limit";
import { randomBookingRef } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

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
const parallelDb = () => (wide ?? t).db;

const policy = (ref: string, ip: string, global: string): VerificationLimitPolicy =>
  parseLimitPolicy({ VERIFY_LIMIT_REF: ref, VERIFY_LIMIT_IP: ip, VERIFY_LIMIT_GLOBAL: global });

describe("rate limits in PostgreSQL", () => {
  it("count exactly under concurrency: 50 parallel attempts, limit 10 → exactly 10 allowed", async () => {
    const ref = randomBookingRef();
    const p = policy("10/1d", "1000/1d", "100000/1d");
    const decisions = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        consumeVerificationAttempt(parallelDb(), { bookingRef: ref, ip: `10.0.${i}.1` }, p),
      ),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    const refused = decisions.filter((d) => !d.allowed);
    expect(refused).toHaveLength(40);
    for (const d of refused) if (!d.allowed) expect(d.retryAfterSeconds).toBeGreaterThan(0);
    for (const d of refused) if (!d.allowed) expect(d.retryAfterSeconds).toBeLessThanOrEqual(86_400);
  });

  it("hands out every count exactly once to parallel hits on one bucket", async () => {
    const counts = await Promise.all(
      Array.from({ length: 40 }, () => hitBuckets(parallelDb(), [{ bucket: "test:exact", windowSeconds: 3600 }])),
    );
    expect(counts.map((c) => c[0]!.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("treats an IPv6 /64 as one client, so rotating addresses inside it gets no fresh budget", async () => {
    const p = policy("1000/15m", "3/10m", "100000/1m");
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:7`;
    for (const suffix of ["::1", "::2", ":abcd:1:2:3"]) {
      expect(
        (await consumeVerificationAttempt(t.db, { bookingRef: randomBookingRef(), ip: `${prefix}${suffix}` }, p))
          .allowed,
      ).toBe(true);
    }
    expect(
      (await consumeVerificationAttempt(t.db, { bookingRef: randomBookingRef(), ip: `${prefix}:ffff::9` }, p)).allowed,
    ).toBe(false);
    // The neighbouring /64 is another client.
    expect(
      (await consumeVerificationAttempt(t.db, { bookingRef: randomBookingRef(), ip: `${prefix.slice(0, -1)}8::1` }, p))
        .allowed,
    ).toBe(true);
  });

  it("names a client by its IPv4 address or its IPv6 /64, whichever way the address is written", () => {
    expect(clientSubject("203.0.113.5")).toBe("203.0.113.5");
    expect(clientSubject("203.0.113.5:51234")).toBe("203.0.113.5");
    expect(clientSubject("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(clientSubject("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(clientSubject("2001:0DB8:0001:0002::9")).toBe("2001:db8:1:2::/64");
    expect(clientSubject("[2001:db8:1:2::9]:443")).toBe("2001:db8:1:2::/64");
    expect(clientSubject("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientSubject("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientSubject("2001:db8:1:3::9")).not.toBe(clientSubject("2001:db8:1:2::9"));
    expect(clientSubject("unknown")).toBe("unknown");
  });

  it("limits per IP, and an IP over its limit does not use up the booking reference's budget", async () => {
    const p = policy("3/15m", "2/10m", "100000/1m");
    const ref = randomBookingRef();
    const noisy = "192.0.2.10";
    expect((await consumeVerificationAttempt(t.db, { bookingRef: randomBookingRef(), ip: noisy }, p)).allowed).toBe(
      true,
    );
    expect((await consumeVerificationAttempt(t.db, { bookingRef: randomBookingRef(), ip: noisy }, p)).allowed).toBe(
      true,
    );
    for (let i = 0; i < 5; i++)
      expect((await consumeVerificationAttempt(t.db, { bookingRef: ref, ip: noisy }, p)).allowed).toBe(false);
    // The reference still has its whole budget for other clients.
    for (let i = 0; i < 3; i++)
      expect((await consumeVerificationAttempt(t.db, { bookingRef: ref, ip: `198.51.100.${i}` }, p)).allowed).toBe(
        true,
      );
    expect((await consumeVerificationAttempt(t.db, { bookingRef: ref, ip: "198.51.100.99" }, p)).allowed).toBe(false);
  });

  it("counts references by their normalised form", async () => {
    const p = policy("2/15m", "1000/10m", "100000/1m");
    const ref = randomBookingRef();
    expect((await consumeVerificationAttempt(t.db, { bookingRef: ref, ip: "203.0.113.1" }, p)).allowed).toBe(true);
    expect(
      (
        await consumeVerificationAttempt(
          t.db,
          { bookingRef: ` ${ref.toLowerCase().slice(0, 3)} ${ref.toLowerCase().slice(3)}`, ip: "203.0.113.2" },
          p,
        )
      ).allowed,
    ).toBe(true);
    expect((await consumeVerificationAttempt(t.db, { bookingRef: ref, ip: "203.0.113.3" }, p)).allowed).toBe(false);
  });

  it("has a global limit across every reference and client", async () => {
    // The global bucket is shared by the whole database, so this test uses its own window length.
    const p = policy("100/15m", "100/10m", "5/7m");
    const results = [];
    for (let i = 0; i < 8; i++)
      results.push(await consumeVerificationAttempt(t.db, { bookingRef: randomBookingRef(), ip: `100.64.0.${i}` }, p));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it("stores no booking reference or IP address in bucket names", async () => {
    const ref = randomBookingRef();
    await consumeVerificationAttempt(
      t.db,
      { bookingRef: ref, ip: "203.0.113.77" },
      policy("10/15m", "10/10m", "100000/1m"),
    );
    const { rateLimits } = await import("@/db/schema");
    const rows = await t.db.select({ bucket: rateLimits.bucket }).from(rateLimits);
    const names = rows.map((r) => r.bucket).join("\n");
    expect(names).not.toContain(ref);
    expect(names).not.toContain("203.0.113.77");
  });
});

describe("limit configuration and client address", () => {
  it("parses count/window lists and falls back to defaults", () => {
    expect(parseLimitPolicy({ VERIFY_LIMIT_REF: "5/1m, 20/2h" }).ref).toEqual([
      { limit: 5, windowSeconds: 60 },
      { limit: 20, windowSeconds: 7200 },
    ]);
    expect(parseLimitPolicy({}).global).toEqual([{ limit: 6000, windowSeconds: 60 }]);
    expect(() => parseLimitPolicy({ VERIFY_LIMIT_IP: "lots" })).toThrow();
  });

  it("takes the address the trusted proxy saw, not what the client claims", () => {
    const h = (v: Record<string, string>) => new Headers(v);
    expect(clientIpFrom(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.5" }), 1)).toBe("203.0.113.5");
    expect(clientIpFrom(h({ "x-forwarded-for": "203.0.113.5, 10.0.0.2" }), 2)).toBe("203.0.113.5");
    expect(clientIpFrom(h({ "x-forwarded-for": "203.0.113.5" }), 3)).toBe("203.0.113.5");
    expect(clientIpFrom(h({ "x-real-ip": "203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(clientIpFrom(h({}), 1)).toBe("unknown");
  });
});
