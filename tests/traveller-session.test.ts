import { NextRequest } from "next/server";
import { decode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auth } from "@/auth";
import { agentCookies, travellerCookies } from "@/lib/auth/cookies";
import { TRAVELLER_ABSOLUTE_SECONDS, TRAVELLER_IDLE_SECONDS } from "@/lib/auth/policy";
import { checkTravellerSession, endTravellerSession } from "@/lib/auth/traveller";
import { env } from "@/lib/env";
import nextConfig from "@/next.config";
import { proxy } from "@/proxy";
import { seedIncident } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import {
  getAuth,
  ORIGIN,
  postCodeToRoute,
  sessionCookieName,
  setCookies,
  throughStepOne,
  useAppDatabase,
} from "./helpers/traveller-auth";

// The traveller session through next-auth, end to end on the real handlers and the real session check
// (lib/auth/traveller.ts): redeeming a code by the /api/auth route, what /api/auth/session reveals, the epoch that
// sign-out raises, the idle and absolute timeouts, and the proxy's sliding refresh. Time is set, never waited for.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  useAppDatabase(t);
  await seedIncident(t.db);
});
afterAll(async () => t?.destroy());
afterEach(() => vi.useRealTimers());

/** What auth() gives a page for this cookie, then the page's database check. */
async function checked(session: string | undefined) {
  const cookie = session ? `${sessionCookieName()}=${session}` : "";
  const read = await auth({ req: { headers: { cookie } }, res: { headers: new Headers() } } as never);
  return checkTravellerSession(t.db, read as never);
}

async function signedIn() {
  const v = await throughStepOne(t.db);
  const { session } = await postCodeToRoute({ code: v.code, challengeCookie: v.challengeId });
  if (!session) throw new Error("no session issued");
  return { ...v, session };
}

describe("redeeming a code through /api/auth/callback/traveller-code", () => {
  it("uses the challenge in the HttpOnly cookie, never one named in the body", async () => {
    const victim = await throughStepOne(t.db);
    const attacker = await throughStepOne(t.db);
    // The victim's challenge and code in the body, the attacker's own challenge in the cookie: refused.
    const crossed = await postCodeToRoute({
      code: victim.code,
      challengeCookie: attacker.challengeId,
      body: { challengeId: victim.challengeId },
    });
    expect(crossed.session).toBeUndefined();
    expect(crossed.response.headers.get("location")).toMatch(/\/verify\?error=CredentialsSignin/);
    // No cookie at all: the body's challenge id is not used either.
    const bodyOnly = await postCodeToRoute({ code: victim.code, body: { challengeId: victim.challengeId } });
    expect(bodyOnly.session).toBeUndefined();
    // Without next-auth's CSRF token nothing is redeemed.
    expect(
      (await postCodeToRoute({ code: victim.code, challengeCookie: victim.challengeId, csrf: false })).session,
    ).toBeUndefined();

    // The cookie's challenge with its code: a session for exactly that person on that booking.
    const ok = await postCodeToRoute({ code: victim.code, challengeCookie: victim.challengeId });
    expect(ok.session).toBeDefined();
    expect((await checked(ok.session))?.session).toEqual({
      personId: victim.booking.passengers[0]!.personId,
      bookingId: victim.booking.bookingId,
      incidentId: victim.booking.incidentId,
    });
    const attributes = ok.response.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName()}=`));
    expect(attributes).toMatch(/HttpOnly/i);
    expect(attributes).toMatch(/SameSite=Lax/i);
    expect(attributes).toMatch(/Path=\//);
    // Once only.
    expect((await postCodeToRoute({ code: victim.code, challengeCookie: victim.challengeId })).session).toBeUndefined();
  });
});

describe("/api/auth/session", () => {
  it("says signed in, and nothing about the person", async () => {
    const s = await signedIn();
    const body = await (await getAuth("session", { [sessionCookieName()]: s.session })).json();
    expect(Object.keys(body)).toEqual(["expires"]);
    expect(await (await getAuth("session")).json()).toBeNull();
  });
});

describe("signing out", () => {
  it("ends every copy of the cookie at once: the person's session epoch moves on", async () => {
    const s = await signedIn();
    const copy = s.session;
    const personId = s.booking.passengers[0]!.personId;
    const live = await checked(copy);
    expect(live).not.toBeNull();
    // What the sign-out action does server-side (lib/auth/sign-out.ts) before next-auth clears the cookie.
    await endTravellerSession(t.db, live!.session);
    // The copy still decodes (next-auth alone would accept it), but the session check refuses it.
    expect(await decode({ token: copy, secret: env().AUTH_SECRET, salt: sessionCookieName() })).toMatchObject({
      personId,
      epoch: 0,
    });
    expect(await checked(copy)).toBeNull();
    // Verifying again gives a session in the new epoch, which works; the old copy still does not.
    const v = await throughStepOne(t.db);
    const again = await signedIn();
    expect(v).toBeDefined();
    expect(await checked(again.session)).not.toBeNull();
    expect(await checked(copy)).toBeNull();
  });

  it("names nobody without every id or the epoch", async () => {
    expect(await checkTravellerSession(t.db, null)).toBeNull();
    const s = await signedIn();
    const read = (await auth({
      req: { headers: { cookie: `${sessionCookieName()}=${s.session}` } },
      res: { headers: new Headers() },
    } as never)) as { user?: Record<string, unknown> } | null;
    for (const key of ["personId", "bookingId", "incidentId", "epoch"]) {
      const user = { ...read!.user };
      delete user[key];
      expect(await checkTravellerSession(t.db, { ...read!, user } as never)).toBeNull();
    }
  });
});

describe("timeouts (next-auth's maxAge and the jwt callback)", () => {
  const at = (seconds: number) => vi.setSystemTime(seconds * 1000);
  const now = () => Math.floor(Date.now() / 1000);

  /** The proxy's sliding refresh for this cookie: the re-issued value, "" when cleared, undefined when untouched. */
  const slide = async (session: string) => {
    const res = await proxy(
      new NextRequest(`${ORIGIN}/my`, { headers: { cookie: `${sessionCookieName()}=${session}` } }),
    );
    return { res, value: setCookies(res).get(sessionCookieName()) };
  };

  it("ends a session idle for 15 minutes, and the proxy's re-issue starts a fresh 15 minutes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = now();
    const s = await signedIn();
    // Under a minute old, the token is left as it is (no session round trip through next-auth on every page).
    at(t0 + 30);
    expect((await slide(s.session)).value).toBeUndefined();
    at(t0 + TRAVELLER_IDLE_SECONDS - 60);
    const { res, value } = await slide(s.session);
    expect(value).toBeTruthy();
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName()}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie)![1]!);
    expect(Math.abs(expires / 1000 - (now() + TRAVELLER_IDLE_SECONDS))).toBeLessThanOrEqual(1);
    // Only the session cookie: not next-auth's CSRF or callback-URL cookies.
    expect([...setCookies(res).keys()]).toEqual([sessionCookieName()]);

    at(t0 + TRAVELLER_IDLE_SECONDS + 60);
    expect(await checked(s.session)).toBeNull();
    expect(await checked(value)).not.toBeNull();
    // An expired cookie is cleared.
    expect((await slide(s.session)).value).toBe("");
  });

  it("ends at the absolute timeout however recently it was re-issued, and never re-issues past it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = now();
    let { session } = await signedIn();
    for (let m = 10; m <= 50; m += 10) {
      at(t0 + m * 60);
      session = (await slide(session)).value!;
      expect(await checked(session)).not.toBeNull();
    }
    at(t0 + TRAVELLER_ABSOLUTE_SECONDS - 5 * 60);
    session = (await slide(session)).value!;
    // Five minutes before the absolute timeout, the re-issued token lasts those five minutes, not fifteen.
    const claims = await decode({ token: session, secret: env().AUTH_SECRET, salt: sessionCookieName() });
    expect(claims!.exp).toBeLessThanOrEqual(t0 + TRAVELLER_ABSOLUTE_SECONDS + 1);
    at(t0 + TRAVELLER_ABSOLUTE_SECONDS - 60);
    expect(await checked(session)).not.toBeNull();
    at(t0 + TRAVELLER_ABSOLUTE_SECONDS + 2);
    expect(await checked(session)).toBeNull();
  });
});

describe("proxy", () => {
  it("gives pages a nonce-based policy and API responses one that allows nothing, and leaves no session alone", async () => {
    const page = await proxy(new NextRequest(`${ORIGIN}/my`));
    expect(page.headers.get("content-security-policy")).toMatch(
      /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
    );
    expect(page.headers.getSetCookie()).toEqual([]);
    // API responses get their policy from next.config.ts, since the proxy does not run for /api.
    const rules = (await nextConfig.headers?.()) ?? [];
    const api = rules.find((r) => r.source === "/api/:path*")?.headers ?? [];
    expect(api.find((h) => h.key === "Content-Security-Policy")?.value).toMatch(
      /^default-src 'none'.*frame-ancestors 'none'/,
    );
    // A tampered cookie is cleared.
    const bad = await proxy(
      new NextRequest(`${ORIGIN}/my`, { headers: { cookie: `${sessionCookieName()}=not-a-token` } }),
    );
    expect(setCookies(bad).get(sessionCookieName())).toBe("");
  });

  it("uses __Host- names for travellers in production, and __Secure- for the agent cookie confined to /agent", () => {
    const traveller = travellerCookies(true);
    for (const c of Object.values(traveller)) {
      expect(c.name).toMatch(/^__Host-/);
      expect(c.options).toMatchObject({ path: "/", secure: true });
    }
    for (const c of Object.values(agentCookies(true))) {
      expect(c.name).toMatch(/^__Secure-/);
      expect(c.options).toMatchObject({ path: "/agent", secure: true, sameSite: "strict" });
    }
  });

  it("reads the session next to every other cookie the browser holds (none is taken for a chunk of it)", async () => {
    const all = [travellerCookies, agentCookies].flatMap((f) => [false, true].flatMap((p) => Object.values(f(p))));
    for (const session of all.filter((c) => c.name.endsWith("portal.session") || c.name.endsWith("portal.agent")))
      for (const other of all) if (other !== session) expect(other.name.startsWith(session.name)).toBe(false);
    const s = await signedIn();
    const csrf = setCookies(await getAuth("csrf"));
    const cookie = [...csrf, [travellerCookies(false).callbackUrl.name, "http%3A%2F%2Flocalhost"]]
      .map(([k, v]) => `${k}=${v}`)
      .concat(`${sessionCookieName()}=${s.session}`)
      .join("; ");
    const read = await auth({ req: { headers: { cookie } }, res: { headers: new Headers() } } as never);
    expect(await checkTravellerSession(t.db, read as never)).not.toBeNull();
  });
});
