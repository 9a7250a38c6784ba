import { NextRequest } from "next/server";
import { decode as authJsDecode, encode as authJsEncode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { TRAVELLER_ABSOLUTE_SECONDS, TRAVELLER_IDLE_SECONDS } from "@/lib/auth/policy";
import { REFRESH_AFTER_SECONDS, readTravellerToken, sessionCookie, slideSession } from "@/lib/auth/session";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { proxy } from "@/proxy";

// The session cookie without next-auth's request machinery (lib/auth/session*.ts): the same token format as
// Auth.js in both directions, nothing accepted that was altered, expired or issued under another key, the absolute
// timeout, and the sliding idle timeout the proxy applies. Times are passed in, never waited for.

const secret = () => env().AUTH_SECRET;
const salt = () => sessionCookie().name;
const T0 = 1_900_000_000;
const traveller = { personId: 41, bookingId: 7, incidentId: "2025-06-cyber-incident" };
const claims = (authAt = T0) => ({ sub: "41", ...traveller, authAt });
const issue = (at: number, authAt = T0, maxAge = TRAVELLER_IDLE_SECONDS) =>
  encodeSessionToken({ claims: claims(authAt), secret: secret(), salt: salt(), maxAge, now: at });

/** Changes one base64url character of part `index` of a compact JWE. */
function alter(token: string, index: number): string {
  const parts = token.split(".");
  const p = parts[index]!;
  parts[index] = `${p[0] === "A" ? "B" : "A"}${p.slice(1)}`;
  return parts.join(".");
}

describe("session token format", () => {
  it("reads tokens Auth.js issues, and Auth.js reads the ones issued here", async () => {
    const fromAuthJs = await authJsEncode({
      token: claims(),
      secret: secret(),
      salt: salt(),
      maxAge: TRAVELLER_IDLE_SECONDS,
    });
    expect(decodeSessionToken({ token: fromAuthJs, secret: secret(), salt: salt() })).toMatchObject(claims());

    const mine = encodeSessionToken({
      claims: claims(),
      secret: secret(),
      salt: salt(),
      maxAge: TRAVELLER_IDLE_SECONDS,
    });
    const read = await authJsDecode({ token: mine, secret: secret(), salt: salt() });
    expect(read).toMatchObject(claims());
    expect(read!.exp! - read!.iat!).toBe(TRAVELLER_IDLE_SECONDS);
    expect(typeof read!.jti).toBe("string");
    // Same protected header as Auth.js writes (alg, enc, kid of the derived key).
    expect(mine.split(".")[0]).toBe(fromAuthJs.split(".")[0]);
  });

  it("refuses a token altered anywhere, issued under another secret or cookie name, or past its expiry", () => {
    const token = issue(T0);
    const read = (t: string, opts: { secret?: string; salt?: string; now?: number } = {}) =>
      decodeSessionToken({
        token: t,
        secret: opts.secret ?? secret(),
        salt: opts.salt ?? salt(),
        now: opts.now ?? T0 + 10,
      });
    expect(read(token)).toMatchObject(claims());
    for (const part of [0, 2, 3, 4]) expect(read(alter(token, part))).toBeNull();
    expect(read(token.split(".").slice(0, 4).join("."))).toBeNull();
    expect(read(`${token}.`)).toBeNull();
    expect(read("not a token")).toBeNull();
    expect(read(token, { secret: `${secret()}x` })).toBeNull();
    expect(read(token, { salt: "__Secure-portal.session" })).toBeNull();
    expect(read(token, { now: T0 + TRAVELLER_IDLE_SECONDS - 1 })).not.toBeNull();
    expect(read(token, { now: T0 + TRAVELLER_IDLE_SECONDS })).toBeNull();
  });

  it("refuses another algorithm in the header even with the right key", async () => {
    const gcm = await authJsEncode({ token: claims(), secret: secret(), salt: salt() });
    const [, ...rest] = gcm.split(".");
    const header = Buffer.from(JSON.stringify({ alg: "dir", enc: "A256GCM" })).toString("base64url");
    expect(decodeSessionToken({ token: [header, ...rest].join("."), secret: secret(), salt: salt() })).toBeNull();
  });
});

describe("the traveller a session names", () => {
  it("holds ids only, and ends at the absolute timeout however recently it was re-issued", () => {
    expect(readTravellerToken(issue(T0), T0 + 1)).toEqual(traveller);
    const lateReissue = issue(T0 + TRAVELLER_ABSOLUTE_SECONDS - 60);
    expect(readTravellerToken(lateReissue, T0 + TRAVELLER_ABSOLUTE_SECONDS)).toEqual(traveller);
    expect(readTravellerToken(lateReissue, T0 + TRAVELLER_ABSOLUTE_SECONDS + 1)).toBeNull();
  });

  it("names nobody without every id or without the verification time", () => {
    const without = (drop: string) => {
      const c: Record<string, unknown> = claims();
      delete c[drop];
      return encodeSessionToken({ claims: c, secret: secret(), salt: salt(), maxAge: 60, now: T0 });
    };
    for (const key of ["personId", "bookingId", "incidentId", "authAt"])
      expect(readTravellerToken(without(key), T0 + 1)).toBeNull();
  });
});

describe("sliding idle timeout", () => {
  it("keeps a cookie issued less than a minute ago, and re-issues an older one with a fresh 15 minutes", () => {
    const token = issue(T0);
    expect(slideSession(token, T0 + REFRESH_AFTER_SECONDS - 1)).toEqual({ kind: "keep" });
    const at = T0 + 10 * 60;
    const slide = slideSession(token, at);
    if (slide.kind !== "reissue") throw new Error(`expected a re-issue, got ${slide.kind}`);
    expect(slide.expires.getTime()).toBe((at + TRAVELLER_IDLE_SECONDS) * 1000);
    // The new cookie outlives the old one's idle expiry and still names the same traveller, verified at the same time.
    expect(readTravellerToken(token, T0 + TRAVELLER_IDLE_SECONDS + 60)).toBeNull();
    expect(readTravellerToken(slide.token, T0 + TRAVELLER_IDLE_SECONDS + 60)).toEqual(traveller);
    expect(decodeSessionToken({ token: slide.token, secret: secret(), salt: salt(), now: at })).toMatchObject({
      authAt: T0,
      iat: at,
      exp: at + TRAVELLER_IDLE_SECONDS,
    });
  });

  it("clears a cookie idle for 15 minutes, or past the absolute timeout, and never re-issues past it", () => {
    expect(slideSession(issue(T0), T0 + TRAVELLER_IDLE_SECONDS)).toEqual({ kind: "clear" });
    const active = issue(T0 + TRAVELLER_ABSOLUTE_SECONDS - 5 * 60);
    expect(slideSession(active, T0 + TRAVELLER_ABSOLUTE_SECONDS + 1)).toEqual({ kind: "clear" });
    // Ten minutes before the absolute timeout, a re-issued cookie lasts those ten minutes, not fifteen.
    const near = slideSession(
      issue(T0 + TRAVELLER_ABSOLUTE_SECONDS - 12 * 60),
      T0 + TRAVELLER_ABSOLUTE_SECONDS - 10 * 60,
    );
    if (near.kind !== "reissue") throw new Error(`expected a re-issue, got ${near.kind}`);
    expect(near.expires.getTime()).toBe((T0 + TRAVELLER_ABSOLUTE_SECONDS) * 1000);
    expect(slideSession(alter(issue(T0), 3), T0 + 120)).toEqual({ kind: "clear" });
  });
});

describe("proxy", () => {
  const request = (cookie?: string) => new NextRequest("http://localhost/my", { headers: cookie ? { cookie } : {} });
  const now = () => Math.floor(Date.now() / 1000);
  const setCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith(`${salt()}=`));

  it("re-issues an older cookie HttpOnly, SameSite=Lax, for 15 minutes; leaves a fresh one; clears a bad one", () => {
    const old = issue(now() - 5 * 60, now() - 5 * 60);
    const refreshed = setCookie(proxy(request(`${salt()}=${old}`)));
    expect(refreshed).toMatch(/HttpOnly/i);
    expect(refreshed).toMatch(/SameSite=Lax/i);
    expect(refreshed).toMatch(/Path=\//);
    const value = refreshed!.slice(salt().length + 1).split(";")[0]!;
    expect(value).not.toBe(old);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(refreshed!)![1]!);
    expect(Math.abs(expires / 1000 - (now() + TRAVELLER_IDLE_SECONDS))).toBeLessThanOrEqual(2);
    expect(readTravellerToken(value)).toEqual(traveller);

    expect(setCookie(proxy(request(`${salt()}=${issue(now(), now())}`)))).toBeUndefined();
    expect(setCookie(proxy(request(`${salt()}=${alter(old, 4)}`)))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    const noSession = proxy(request());
    expect(setCookie(noSession)).toBeUndefined();
    // Every response still gets its nonce-based policy.
    expect(noSession.headers.get("content-security-policy")).toMatch(
      /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
    );
  });
});
