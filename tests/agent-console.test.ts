import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { decode } from "next-auth/jwt";
import { authenticator } from "otplib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { agentAuthConfig } from "@/agent-auth";
import { findActiveAgent, setAgentDisabled } from "@/db/queries/agents";
import { agents, auditEvents, bookingPassengers, companionFlags } from "@/db/schema";
import { createAgentAccount } from "@/lib/agent/accounts";
import { markFlagNotified, readFlagQueue } from "@/lib/agent/queue";
import { signInAgent, signOutAgent } from "@/lib/agent/sign-in";
import { checkAgentSession } from "@/lib/auth/agent";
import { agentCookies } from "@/lib/auth/cookies";
import { hashPassword, PRODUCTION_COST, verifyPassword } from "@/lib/auth/password";
import { AGENT_ABSOLUTE_SECONDS, AGENT_IDLE_SECONDS } from "@/lib/auth/policy";
import { env } from "@/lib/env";
import { flagCompanion } from "@/lib/traveller/companions";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import { setCookies, useAppDatabase } from "./helpers/traveller-auth";
import { familyBooking, travellerFor } from "./helpers/traveller-fixtures";

// A cheap scrypt cost for this file's hashes (read only under APP_ENV=test); the production cost is tested once below.
process.env.PASSWORD_HASH_TEST_N = "1024";

// The agent console's rules, through the real parts: passwords, sign-in with its limits, the agent session token,
// and the companion-flag queue travellers fill from /my/companions.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  useAppDatabase(t);
});
afterAll(async () => t?.destroy());
afterEach(() => vi.useRealTimers());

const PASSWORD = "correct horse battery staple";
const newAgent = async (opts: { disabled?: boolean } = {}) => {
  const email = `agent.${randomUUID().slice(0, 8)}@airline.example`;
  const { id, totpSecret } = await createAgentAccount(
    t.db,
    { email, displayName: "Dana Agent", password: PASSWORD, role: "agent" },
    { type: "cli" },
  );
  if (opts.disabled) await setAgentDisabled(t.db, email, true);
  return { id, email, totpSecret };
};
/** The code an authenticator app shows now for the agent (`stepsAgo` steps back: an older code). */
const codeOf = (a: { totpSecret: string }, stepsAgo = 0) =>
  authenticator.clone({ epoch: Date.now() - stepsAgo * 30_000 }).generate(a.totpSecret);
/** Moves the (faked) clock to the next 30-second step: a code works once, so a second sign-in needs a new one. */
const nextStep = () => {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 30_000 });
};

describe("agent passwords", () => {
  it("verify only the password they were made from, and never with a missing or malformed hash", async () => {
    // The production cost, once.
    const hash = await hashPassword("Été à Montréal 2025!", PRODUCTION_COST);
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain("Montréal");
    expect(await verifyPassword("Été à Montréal 2025!", hash)).toBe(true);
    // The same text in decomposed Unicode (as some keyboards send it) is the same password.
    expect(await verifyPassword("Été à Montréal 2025!".normalize("NFD"), hash)).toBe(true);
    expect(await verifyPassword("ete a montreal 2025!", hash)).toBe(false);
    expect(await verifyPassword("Été à Montréal 2025!", null)).toBe(false);
    expect(await verifyPassword("x", "scrypt$1$1")).toBe(false);
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
    expect(await hashPassword("same")).toMatch(/^scrypt\$1024\$/);
  });
});

describe("agent sign-in", () => {
  const ip = { ip: "198.51.100.1" };
  it("lets an active agent in with password and code, and refuses every other case alike", async () => {
    const a = await newAgent();
    const refused = { status: "refused" };
    // Wrong password (right code), unknown email, wrong code: refused, and none of them uses up the code.
    expect(await signInAgent(t.db, { email: a.email, password: `${PASSWORD}!`, code: codeOf(a) }, ip)).toEqual(refused);
    const wrongCode = String((Number(codeOf(a)) + 1) % 1_000_000).padStart(6, "0");
    expect(await signInAgent(t.db, { email: a.email, password: PASSWORD, code: wrongCode }, ip)).toEqual(refused);
    expect(
      await signInAgent(
        t.db,
        { email: `nobody.${randomUUID()}@airline.example`, password: PASSWORD, code: codeOf(a) },
        ip,
      ),
    ).toEqual(refused);
    // A code from two steps ago (a minute old) is refused; the previous step's is still accepted.
    expect(await signInAgent(t.db, { email: a.email, password: PASSWORD, code: codeOf(a, 2) }, ip)).toEqual(refused);
    expect(await signInAgent(t.db, { email: a.email.toUpperCase(), password: PASSWORD, code: codeOf(a) }, ip)).toEqual({
      status: "ok",
      agentId: a.id,
      epoch: 0,
    });
    const off = await newAgent({ disabled: true });
    expect(await signInAgent(t.db, { email: off.email, password: PASSWORD, code: codeOf(off) }, ip)).toEqual(refused);
    expect(await findActiveAgent(t.db, { agentId: off.id, epoch: 1 })).toBeNull();
    expect(await findActiveAgent(t.db, { agentId: a.id, epoch: 0 })).toEqual({
      id: a.id,
      displayName: "Dana Agent",
      role: "agent",
    });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, a.id), eq(auditEvents.action, "agent.signed_in")));
    expect(event?.actorType).toBe("agent");
    // The secret is stored sealed, bound to its row: not the base32 text.
    const [row] = await t.db.select({ totpSecret: agents.totpSecret }).from(agents).where(eq(agents.id, a.id));
    expect(row?.totpSecret).toMatch(/^v1\./);
    expect(row?.totpSecret).not.toContain(a.totpSecret);
  });

  it("accepts a code once: a replay in the same step, or an older step's code, is refused", async () => {
    const a = await newAgent();
    const code = codeOf(a);
    expect((await signInAgent(t.db, { email: a.email, password: PASSWORD, code }, ip)).status).toBe("ok");
    expect(await signInAgent(t.db, { email: a.email, password: PASSWORD, code }, ip)).toEqual({ status: "refused" });
    // Next step: the new code works, and the previous step's (accepted for clock drift) no longer does.
    nextStep();
    expect(await signInAgent(t.db, { email: a.email, password: PASSWORD, code: codeOf(a, 1) }, ip)).toEqual({
      status: "refused",
    });
    expect((await signInAgent(t.db, { email: a.email, password: PASSWORD, code: codeOf(a) }, ip)).status).toBe("ok");
  });

  it("lets exactly one of two sign-ins racing with the same code in", async () => {
    const a = await newAgent();
    const code = codeOf(a);
    const outcomes = await Promise.all(
      [1, 2].map(() => signInAgent(t.db, { email: a.email, password: PASSWORD, code }, { ip: "198.51.100.2" })),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(["ok", "refused"]);
    const signedIn = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, a.id), eq(auditEvents.action, "agent.signed_in")));
    expect(signedIn).toHaveLength(1);
  });

  it("refuses an account made before second factors, whatever code is typed", async () => {
    const a = await newAgent();
    await t.db.update(agents).set({ totpSecret: null }).where(eq(agents.id, a.id));
    expect(await signInAgent(t.db, { email: a.email, password: PASSWORD, code: codeOf(a) }, ip)).toEqual({
      status: "refused",
    });
  });

  it("limits guesses at one account from one client, without locking the agent out from their own desk", async () => {
    const a = await newAgent();
    for (let i = 0; i < 10; i++) {
      expect(
        (await signInAgent(t.db, { email: a.email, password: `guess ${i}`, code: "000000" }, { ip: "203.0.113.66" }))
          .status,
      ).toBe("refused");
    }
    const limited = await signInAgent(
      t.db,
      { email: a.email, password: PASSWORD, code: codeOf(a) },
      { ip: "203.0.113.66" },
    );
    expect(limited.status).toBe("limited");
    if (limited.status === "limited") expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    // The agent, from another address, still gets in (the limited attempt did not use the code up).
    expect(
      (await signInAgent(t.db, { email: a.email, password: PASSWORD, code: codeOf(a) }, { ip: "203.0.113.67" })).status,
    ).toBe("ok");
  });

  it("limits guesses per client across accounts", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < 30; i++)
      await signInAgent(
        t.db,
        { email: `spray.${i}.${randomUUID().slice(0, 4)}@airline.example`, password: "guess", code: "000000" },
        { ip },
      );
    const a = await newAgent();
    expect((await signInAgent(t.db, { email: a.email, password: PASSWORD, code: codeOf(a) }, { ip })).status).toBe(
      "limited",
    );
    // The account itself was not charged for that client's refusal.
    expect(
      (await signInAgent(t.db, { email: a.email, password: PASSWORD, code: codeOf(a) }, { ip: "192.0.2.78" })).status,
    ).toBe("ok");
  });
});

describe("agent sessions through next-auth (agent-auth.ts)", () => {
  const ORIGIN = "http://localhost:3000";
  const { handlers, auth } = NextAuth(agentAuthConfig);
  const cookieName = agentCookies(false).sessionToken.name;
  const cookieHeader = (c: Record<string, string>) =>
    Object.entries(c)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");

  /** The agent-password provider through next-auth's callback, with its CSRF token, as the sign-in action runs it. */
  async function signIn(a: { email: string; totpSecret: string }, password: string, ip = "198.51.100.9") {
    const email = a.email;
    const csrfRes = await handlers.GET(new NextRequest(`${ORIGIN}/agent/auth/csrf`));
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const res = await handlers.POST(
      new NextRequest(`${ORIGIN}/agent/auth/callback/agent-password`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": ip,
          cookie: cookieHeader(Object.fromEntries(setCookies(csrfRes))),
        },
        body: new URLSearchParams({ email, password, code: codeOf(a), csrfToken }),
      }),
    );
    return { res, token: setCookies(res).get(cookieName) || undefined };
  }
  /** What requireAgent() decides for this cookie: next-auth's read, then the account check. */
  async function checked(token: string | undefined) {
    const read = await auth({
      req: { headers: { cookie: token ? `${cookieName}=${token}` : "" } },
      res: { headers: new Headers() },
    } as never);
    return checkAgentSession(t.db, read as never);
  }

  it("issues a cookie confined to /agent naming only the agent and the epoch; refusals issue none", async () => {
    const a = await newAgent();
    const { res, token } = await signIn(a, PASSWORD);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${cookieName}=`))!;
    expect(cookie).toMatch(/Path=\/agent(;|$)/);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(await checked(token)).toEqual({ agentId: a.id, displayName: "Dana Agent", role: "agent" });
    const claims = await decode({ token: token!, secret: env().AUTH_SECRET, salt: cookieName });
    expect(Object.keys(claims ?? {}).sort()).toEqual(["agentId", "authAt", "epoch", "exp", "iat", "jti"]);
    expect(claims!.exp! - claims!.iat!).toBe(AGENT_IDLE_SECONDS);
    // A traveller cookie's key (another salt) cannot read it.
    await expect(decode({ token: token!, secret: env().AUTH_SECRET, salt: "portal.session" })).rejects.toThrow();

    const wrong = await signIn(a, `${PASSWORD}!`);
    expect(wrong.token).toBeUndefined();
    expect(wrong.res.headers.get("location")).toMatch(/\/agent\/sign-in\?error=CredentialsSignin&code=refused/);
    const off = await newAgent({ disabled: true });
    expect((await signIn(off, PASSWORD)).token).toBeUndefined();
  });

  it("ends for every holder when the agent signs out or is disabled: the account's epoch moves on", async () => {
    const a = await newAgent();
    const { token: copy } = await signIn(a, PASSWORD);
    const live = await checked(copy);
    expect(live).not.toBeNull();
    await signOutAgent(t.db, live!);
    expect(await checked(copy)).toBeNull();
    const signedOut = await t.db
      .select({ actorType: auditEvents.actorType })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, a.id), eq(auditEvents.action, "agent.signed_out")));
    expect(signedOut).toEqual([{ actorType: "agent" }]);
    nextStep();
    const { token: again } = await signIn(a, PASSWORD);
    expect(await checked(again)).not.toBeNull();
    await setAgentDisabled(t.db, a.email, true);
    expect(await checked(again)).toBeNull();
    await setAgentDisabled(t.db, a.email, false);
    // Re-enabling does not bring old tokens back.
    expect(await checked(again)).toBeNull();
    expect(await findActiveAgent(t.db, { agentId: a.id, epoch: 1 })).toBeNull();
  });

  it("says when the limit is reached, and ends at the absolute timeout however active", async () => {
    const a = await newAgent();
    for (let i = 0; i < 10; i++) await signIn(a, `guess ${i}`, "203.0.113.99");
    const limited = await signIn(a, PASSWORD, "203.0.113.99");
    expect(limited.token).toBeUndefined();
    expect(limited.res.headers.get("location")).toMatch(/code=limited/);

    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Math.floor(Date.now() / 1000);
    let { token } = await signIn(a, PASSWORD);
    const session = async () =>
      handlers.GET(new NextRequest(`${ORIGIN}/agent/auth/session`, { headers: { cookie: `${cookieName}=${token}` } }));
    // A request every 25 minutes (inside the 30-minute idle timeout) keeps it going until the 10-hour mark.
    for (let s = 25 * 60; s < AGENT_ABSOLUTE_SECONDS; s += 25 * 60) {
      vi.setSystemTime((t0 + s) * 1000);
      token = setCookies(await session()).get(cookieName);
      expect(await checked(token)).not.toBeNull();
    }
    vi.setSystemTime((t0 + AGENT_ABSOLUTE_SECONDS + 2) * 1000);
    expect(await checked(token)).toBeNull();
  });
});

describe("the companion-flag queue", () => {
  // The queue as the page reads it (lib/agent/queue.ts), by an agent whose reads are audited.
  const queueOf = async (agentId: string, status: "new" | "notified") =>
    readFlagQueue(t.db, { agentId, displayName: "Dana Agent", role: "agent" as const }, { status, limit: 10_000 });

  it("shows agents what they need to contact a flagged companion, oldest first, and records who marked it done", async () => {
    const a = await newAgent();
    const agent = { agentId: a.id, displayName: "Dana Agent", role: "agent" as const };
    const before = (await queueOf(a.id, "new")).counts;
    const b = await familyBooking(t.db);
    const minor = b.passengers[2]!;
    await flagCompanion(t.db, await travellerFor(t.db, b, 0), { companion: 2, contactEmail: "guardian@example.org" });
    await flagCompanion(t.db, await travellerFor(t.db, b, 1), { companion: 1, contactEmail: undefined });
    const read = await queueOf(a.id, "new");
    expect(read.counts).toEqual({ new: before.new + 2, notified: before.notified });

    const queue = read.flags.filter(
      (f) => f.companionName.endsWith("de la Fontaine") || f.companionName === "Zoë Côté",
    );
    expect(queue.map((f) => f.companionName)).toEqual(["Ana-María de la Fontaine", "Zoë Côté"]);
    expect(queue[0]).toMatchObject({
      status: "new",
      companionAffected: true,
      companionEmailOnFile: false,
      // Marked under 18 (the page then says: the guardian or a letter, never an email to them), with the language.
      companionMinor: true,
      companionLanguage: "en",
      contactAddresses: [{ email: "guardian@example.org", givenByName: "Zoë Côté", givenByRole: "booker" }],
      flaggedByName: "Zoë Côté",
      flaggedByRole: "booker",
    });
    expect(queue[1]).toMatchObject({
      contactAddresses: [],
      companionEmailOnFile: true,
      companionMinor: false,
      companionLanguage: "fr",
      flaggedByName: "Seán O'Brien",
      flaggedByRole: "companion",
    });
    // Nothing else about the person reaches the page: no date of birth, no ciphertext.
    expect(JSON.stringify(queue)).not.toMatch(/v1\.|\d{4}-\d{2}-\d{2}T.*dob|1980-03-14/);

    // An agent's read of the queue is audited, one event per request shown, naming whose details were on screen.
    const viewed = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, a.id), eq(auditEvents.action, "companion_flag.viewed")));
    expect(viewed).toHaveLength(read.flags.length);
    expect(viewed.some((v) => v.personId === minor.personId && v.bookingId === b.bookingId)).toBe(true);
    const flagId = queue[0]!.id;
    expect(await markFlagNotified(t.db, agent, { flag: flagId })).toBe("notified");
    expect(await markFlagNotified(t.db, agent, { flag: flagId })).toBe("already");
    expect(await markFlagNotified(t.db, agent, { flag: randomUUID() })).toBe("not_found");
    expect((await queueOf(a.id, "new")).flags.some((f) => f.id === flagId)).toBe(false);
    expect((await queueOf(a.id, "notified")).flags[0]).toMatchObject({ id: flagId, status: "notified" });
    const [row] = await t.db
      .select({ status: companionFlags.status })
      .from(companionFlags)
      .where(eq(companionFlags.id, flagId));
    expect(row?.status).toBe("notified");
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, a.id), eq(auditEvents.action, "companion_flag.notified")));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "agent", personId: minor.personId, bookingId: b.bookingId });

    // A new email from the traveller puts the request back in the queue.
    await flagCompanion(t.db, await travellerFor(t.db, b, 0), {
      companion: 2,
      contactEmail: "other.guardian@example.org",
    });
    expect((await queueOf(a.id, "new")).flags.find((f) => f.id === flagId)?.contactAddresses).toMatchObject([
      { email: "other.guardian@example.org", givenByName: "Zoë Côté" },
    ]);
  });

  it("keeps a flag in the queue, and in the counts, when the person who asked is no longer on the booking", async () => {
    const a = await newAgent();
    const b = await familyBooking(t.db);
    await flagCompanion(t.db, await travellerFor(t.db, b, 0), { companion: 2, contactEmail: "left@example.org" });
    await t.db
      .delete(bookingPassengers)
      .where(
        and(eq(bookingPassengers.bookingId, b.bookingId), eq(bookingPassengers.personId, b.passengers[0]!.personId)),
      );
    const flag = (await queueOf(a.id, "new")).flags.find((f) => f.contactAddresses[0]?.email === "left@example.org");
    expect(flag).toMatchObject({
      flaggedByName: "Zoë Côté",
      flaggedByRole: null,
      contactAddresses: [{ givenByName: "Zoë Côté", givenByRole: null }],
    });
  });
});
