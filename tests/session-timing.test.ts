import { NextRequest } from "next/server";
import { decode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auth } from "@/auth";
import { REFRESH_AFTER_SECONDS, TRAVELLER_ABSOLUTE_SECONDS, TRAVELLER_IDLE_SECONDS } from "@/lib/auth/policy";
import { canExtend, sessionTimingOf } from "@/lib/auth/session-timing";
import { env } from "@/lib/env";
import { proxy } from "@/proxy";
import { seedIncident } from "./helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import {
  ORIGIN,
  postCodeToRoute,
  sessionCookieName,
  setCookies,
  throughStepOne,
  useAppDatabase,
} from "./helpers/traveller-auth";

// What the time-out warning is told about the session (lib/auth/session-timing.ts), checked against what the real
// proxy and next-auth do with a real session cookie: the page is told the expiry the cookie really has (never later,
// or the warning would come too late), and, near the 60-minute limit, that staying signed in cannot extend it.
// Time is set, never waited for. The browser side is e2e/session-timeout.spec.ts.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  useAppDatabase(t);
  await seedIncident(t.db);
});
afterAll(async () => t?.destroy());
afterEach(() => vi.useRealTimers());

const at = (seconds: number) => vi.setSystemTime(seconds * 1000);
const now = () => Math.floor(Date.now() / 1000);

async function signedIn(): Promise<string> {
  const v = await throughStepOne(t.db);
  const { session } = await postCodeToRoute({ code: v.code, challengeCookie: v.challengeId });
  if (!session) throw new Error("no session issued");
  return session;
}

/** The decoded token next-auth's auth() hands a page (as `user`) for this cookie. */
async function tokenOf(session: string): Promise<unknown> {
  const read = (await auth({
    req: { headers: { cookie: `${sessionCookieName()}=${session}` } },
    res: { headers: new Headers() },
  } as never)) as { user?: unknown } | null;
  return read?.user;
}

/** What the proxy does to this cookie on a page request: the re-issued token, or undefined when left alone. */
async function slide(session: string): Promise<string | undefined> {
  const res = await proxy(
    new NextRequest(`${ORIGIN}/my`, { headers: { cookie: `${sessionCookieName()}=${session}` } }),
  );
  return setCookies(res).get(sessionCookieName());
}

const expOf = async (session: string) =>
  (await decode({ token: session, secret: env().AUTH_SECRET, salt: sessionCookieName() }))!.exp as number;

describe("the timing a page is given", () => {
  it("is the cookie's own expiry while the proxy leaves a young token alone", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = now();
    const session = await signedIn();
    at(t0 + REFRESH_AFTER_SECONDS - 10);
    expect(await slide(session)).toBeUndefined();
    const timing = sessionTimingOf(await tokenOf(session), "by-proxy");
    expect(timing).toEqual({
      now: now(),
      expiresAt: await expOf(session),
      absoluteAt: expect.any(Number),
    });
    expect(timing!.absoluteAt - t0).toBeGreaterThanOrEqual(TRAVELLER_ABSOLUTE_SECONDS);
    expect(timing!.absoluteAt - t0).toBeLessThanOrEqual(TRAVELLER_ABSOLUTE_SECONDS + 2);
    expect(canExtend(timing!)).toBe(true);
  });

  it("is the re-issued cookie's expiry once the proxy re-issues it, and the old one's on /api", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = now();
    const session = await signedIn();
    at(t0 + 10 * 60);
    const reissued = await slide(session);
    expect(reissued).toBeTruthy();
    const token = await tokenOf(session);
    // A page is rendered with the request's (old) cookie; the browser got the proxy's new one.
    expect(sessionTimingOf(token, "by-proxy")!.expiresAt).toBe(await expOf(reissued!));
    expect(sessionTimingOf(token, "by-proxy")!.expiresAt).toBe(now() + TRAVELLER_IDLE_SECONDS);
    // The status route is not proxied: the cookie it reads is the truth as it stands.
    expect(sessionTimingOf(token, "no")!.expiresAt).toBe(await expOf(session));
    // Staying signed in re-issues it now, whatever its age.
    expect(sessionTimingOf(token, "now")!.expiresAt).toBe(now() + TRAVELLER_IDLE_SECONDS);
  });

  it("near the 60-minute limit: the expiry is the limit, and staying signed in cannot extend it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = now();
    let session = await signedIn();
    for (let m = 14; m <= 42; m += 14) {
      at(t0 + m * 60);
      session = (await slide(session))!;
    }
    at(t0 + TRAVELLER_ABSOLUTE_SECONDS - 4 * 60);
    const reissued = (await slide(session))!;
    const timing = sessionTimingOf(await tokenOf(session), "by-proxy")!;
    expect(timing.expiresAt).toBe(timing.absoluteAt);
    expect(timing.expiresAt).toBeGreaterThanOrEqual(await expOf(reissued));
    expect(timing.expiresAt - (await expOf(reissued))).toBeLessThanOrEqual(2);
    expect(canExtend(timing)).toBe(false);
    // Half an hour in, it could.
    expect(canExtend({ expiresAt: t0 + 30 * 60 + TRAVELLER_IDLE_SECONDS, absoluteAt: timing.absoluteAt })).toBe(true);
  });

  it("is null without a valid traveller session", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = now();
    const session = await signedIn();
    const token = await tokenOf(session);
    expect(sessionTimingOf(undefined, "by-proxy")).toBeNull();
    expect(sessionTimingOf({ agentId: "x", epoch: 0 }, "no")).toBeNull();
    // Past its expiry (a page would not get this far: auth() refuses it), nothing is promised.
    expect(sessionTimingOf(token, "no", t0 + TRAVELLER_IDLE_SECONDS + 1)).toBeNull();
  });
});
