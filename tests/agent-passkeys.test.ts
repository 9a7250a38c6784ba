import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { authenticator } from "otplib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { endAgentSessions, findActiveAgent } from "@/db/queries/agents";
import { agentPasskeyChallenges, agentPasskeys, agentResetRequests, auditEvents } from "@/db/schema";
import { createAgentAccount, resetAgentFactor } from "@/lib/agent/accounts";
import { approveReset, setAccountDisabled, startReset } from "@/lib/agent/agent-admin";
import {
  addPasskey,
  readSecurityPage,
  removePasskey,
  signInAgentWithPasskey,
  startPasskeyConfirmation,
  startPasskeyRegistration,
  startPasskeySignIn,
} from "@/lib/agent/passkeys";
import { signInAgent } from "@/lib/agent/sign-in";
import type { AgentSession } from "@/lib/auth/agent";
import { SoftAuthenticator } from "./helpers/soft-authenticator";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import { useAppDatabase } from "./helpers/traveller-auth";

// Agents' passkeys (lib/agent/passkeys.ts) through the real database and the real WebAuthn verification, with a
// software authenticator standing in for the browser (tests/helpers/soft-authenticator.ts): challenges used once
// and short-lived, the signature counter, the sign-in outcome and its limits, removal with proof, and a factor
// reset taking the passkeys with it. Tests here use PUBLIC_URL's default, http://localhost:3000.
process.env.PASSWORD_HASH_TEST_N = "1024";

const RP_ID = "localhost";
const ORIGIN = "http://localhost:3000";
const PASSWORD = "correct horse battery staple";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  useAppDatabase(t);
});
afterAll(async () => {
  vi.useRealTimers();
  await t?.destroy();
});

/**
 * The code the agent's app shows, one time step later than the last one taken here: a code works once, so each
 * proof in a test needs the next one (the clock, JavaScript's only, moves 30 seconds a call).
 */
let clock = Date.now();
function nextCode(secret: string): string {
  clock += 30_000;
  vi.useFakeTimers({ toFake: ["Date"], now: clock });
  return authenticator.clone({ epoch: clock }).generate(secret);
}

/** Registration options for the agent, proven with the current code. */
async function registrationOptions(a: { session: AgentSession; totpSecret: string }) {
  const options = await startPasskeyRegistration(t.db, a.session, { code: nextCode(a.totpSecret) }, newIp());
  if (typeof options !== "object") throw new Error(`no options: ${options}`);
  return options;
}

/** A fresh client address per test, so one test's attempts never count against another's. */
const newIp = () => ({ ip: `198.51.100.${Math.floor(Math.random() * 250) + 1}` });

async function account(role: "agent" | "supervisor" = "agent") {
  const email = `${role}.${randomUUID().slice(0, 8)}@airline.example`;
  const made = await createAgentAccount(
    t.db,
    { email, displayName: `${role} ${email}`, role, password: PASSWORD },
    { type: "cli" },
  );
  const session: AgentSession = { agentId: made.id, displayName: `${role} ${email}`, role };
  return { ...made, email, session };
}

/** An agent with one passkey registered through the real ceremony. */
async function withPasskey(counter = 0) {
  const a = await account();
  const key = new SoftAuthenticator(RP_ID, ORIGIN);
  key.counter = counter;
  const options = await registrationOptions(a);
  expect(await addPasskey(t.db, a.session, { name: "Work laptop", response: key.register(options) })).toBe("ok");
  return { ...a, key };
}

const signInWith = async (key: SoftAuthenticator, ip = newIp(), over: { origin?: string } = {}) =>
  signInAgentWithPasskey(t.db, key.assert(await startPasskeySignIn(t.db), over), ip);

const auditOf = (agentId: string, action: string) =>
  t.db
    .select({ detail: auditEvents.detail, reason: auditEvents.reason, ref: auditEvents.ref })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorId, agentId), eq(auditEvents.action, action)));

describe("registering", () => {
  it("needs the current authenticator code, once", async () => {
    const a = await account();
    expect(await startPasskeyRegistration(t.db, a.session, { code: "000000" }, newIp())).toBe("bad_proof");
    const code = nextCode(a.totpSecret);
    expect(typeof (await startPasskeyRegistration(t.db, a.session, { code }, newIp()))).toBe("object");
    expect(await startPasskeyRegistration(t.db, a.session, { code }, newIp())).toBe("bad_proof");
  });

  it("stores the credential for the signed-in agent only, listed by name, audited", async () => {
    const a = await withPasskey();
    const page = await readSecurityPage(t.db, a.session);
    expect(page.passkeys).toEqual([
      { id: expect.any(String), name: "Work laptop", createdAt: expect.any(String), lastUsedAt: null },
    ]);
    const other = await account();
    expect((await readSecurityPage(t.db, other.session)).passkeys).toEqual([]);
    expect(await auditOf(a.id, "agent.passkey_added")).toEqual([
      { detail: page.passkeys[0]!.id, reason: null, ref: a.id },
    ]);
  });

  it("refuses an answer to another agent's challenge, a replayed one, and the same credential twice", async () => {
    const a = await account();
    const b = await account();
    const key = new SoftAuthenticator(RP_ID, ORIGIN);
    const forA = await registrationOptions(a);
    const answer = key.register(forA);
    // B cannot finish A's ceremony (the challenge is bound to A)…
    expect(await addPasskey(t.db, b.session, { name: "x", response: answer })).toBe("failed");
    // …and B's attempt did not use A's challenge up: A still can, once.
    expect(await addPasskey(t.db, a.session, { name: "x", response: answer })).toBe("ok");
    expect(await addPasskey(t.db, a.session, { name: "x", response: answer })).toBe("failed");
    const again = await registrationOptions(a);
    expect(again.excludeCredentials).toEqual([expect.objectContaining({ id: key.id })]);
    expect(await addPasskey(t.db, a.session, { name: "y", response: key.register(again) })).toBe("exists");
  });

  it("requires user verification", async () => {
    const a = await account();
    const key = new SoftAuthenticator(RP_ID, ORIGIN);
    key.userVerified = false;
    const options = await registrationOptions(a);
    expect(await addPasskey(t.db, a.session, { name: "x", response: key.register(options) })).toBe("failed");
  });
});

describe("signing in with a passkey", () => {
  it("signs the agent in with the account's epoch, audited with the method", async () => {
    const a = await withPasskey();
    const outcome = await signInWith(a.key);
    expect(outcome).toEqual({ status: "ok", agentId: a.id, epoch: 0 });
    expect(await auditOf(a.id, "agent.signed_in")).toEqual([{ detail: "passkey", reason: null, ref: null }]);
    expect((await readSecurityPage(t.db, a.session)).passkeys[0]!.lastUsedAt).not.toBeNull();
  });

  it("uses a challenge once", async () => {
    const a = await withPasskey();
    const answer = a.key.assert(await startPasskeySignIn(t.db));
    expect((await signInAgentWithPasskey(t.db, answer, newIp())).status).toBe("ok");
    expect(await signInAgentWithPasskey(t.db, answer, newIp())).toEqual({ status: "refused" });
  });

  it("refuses an expired challenge", async () => {
    const a = await withPasskey();
    const options = await startPasskeySignIn(t.db);
    await t.db
      .update(agentPasskeyChallenges)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(agentPasskeyChallenges.challenge, options.challenge));
    expect(await signInAgentWithPasskey(t.db, a.key.assert(options), newIp())).toEqual({ status: "refused" });
  });

  it("refuses a challenge made for another ceremony", async () => {
    const a = await withPasskey();
    const confirm = await startPasskeyConfirmation(t.db, a.session);
    expect(await signInAgentWithPasskey(t.db, a.key.assert(confirm!), newIp())).toEqual({ status: "refused" });
  });

  it("refuses an answer signed for a look-alike site, or without user verification", async () => {
    const a = await withPasskey();
    expect(await signInWith(a.key, newIp(), { origin: "https://agents.airline-support.example" })).toEqual({
      status: "refused",
    });
    a.key.userVerified = false;
    expect(await signInWith(a.key)).toEqual({ status: "refused" });
  });

  it("accepts a counter only when it moves forward (a cloned authenticator is refused)", async () => {
    const a = await withPasskey(5);
    a.key.counter = 6;
    expect((await signInWith(a.key)).status).toBe("ok");
    // The same counter again: what a copy of the key would send.
    expect(await signInWith(a.key)).toEqual({ status: "refused" });
    a.key.counter = 4;
    expect(await signInWith(a.key)).toEqual({ status: "refused" });
    a.key.counter = 7;
    expect((await signInWith(a.key)).status).toBe("ok");
    const [row] = await t.db
      .select({ counter: agentPasskeys.counter })
      .from(agentPasskeys)
      .where(eq(agentPasskeys.agentId, a.id));
    expect(Number(row!.counter)).toBe(7);
  });

  it("of two answers racing with the same counter (a cloned key), exactly one signs in", async () => {
    const a = await withPasskey(5);
    a.key.counter = 6;
    const [one, two] = await Promise.all([startPasskeySignIn(t.db), startPasskeySignIn(t.db)]);
    const outcomes = await Promise.all([
      signInAgentWithPasskey(t.db, a.key.assert(one), newIp()),
      signInAgentWithPasskey(t.db, a.key.assert(two), newIp()),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["ok", "refused"]);
  });

  it("keeps working for an authenticator that keeps no counter", async () => {
    const a = await withPasskey(0);
    expect((await signInWith(a.key)).status).toBe("ok");
    expect((await signInWith(a.key)).status).toBe("ok");
  });

  it("refuses a disabled account, and issues only the current epoch after a sign-out", async () => {
    const a = await withPasskey();
    const first = await signInWith(a.key);
    expect(first.status).toBe("ok");
    await endAgentSessions(t.db, a.id);
    expect(await findActiveAgent(t.db, { agentId: a.id, epoch: 0 })).toBeNull();
    expect(await signInWith(a.key)).toEqual({ status: "ok", agentId: a.id, epoch: 1 });

    const supervisor = await account("supervisor");
    expect(await setAccountDisabled(t.db, supervisor.session, { agent: a.id, disabled: "true" })).toBe("ok");
    expect(await signInWith(a.key)).toEqual({ status: "refused" });
  });

  it("counts attempts in the same budget as the password sign-in", async () => {
    const a = await withPasskey();
    const ip = newIp();
    // Ten wrong passwords for this account from this client use up its per-client budget (10 per 15 minutes)…
    for (let i = 0; i < 10; i++)
      expect((await signInAgent(t.db, { email: a.email, password: "wrong", code: "000000" }, ip)).status).toBe(
        "refused",
      );
    // …so even a good passkey from there waits.
    expect((await signInWith(a.key, ip)).status).toBe("limited");
    expect((await signInWith(a.key)).status).toBe("ok");
  });

  it("refuses an unknown passkey and garbage", async () => {
    const stranger = new SoftAuthenticator(RP_ID, ORIGIN);
    expect(await signInWith(stranger)).toEqual({ status: "refused" });
    expect(await signInAgentWithPasskey(t.db, "{not json", newIp())).toEqual({ status: "refused" });
    expect(await signInAgentWithPasskey(t.db, '{"id":"x"}', newIp())).toEqual({ status: "refused" });
  });
});

describe("removing a passkey", () => {
  it("needs the current code (once) or a passkey, and only the agent's own", async () => {
    const a = await withPasskey();
    const [p] = (await readSecurityPage(t.db, a.session)).passkeys;
    const other = await account();
    expect(await removePasskey(t.db, a.session, { passkey: p!.id, code: "000000" }, newIp())).toBe("bad_proof");
    // Another agent, with their own good code, cannot remove it.
    expect(
      await removePasskey(t.db, other.session, { passkey: p!.id, code: nextCode(other.totpSecret) }, newIp()),
    ).toBe("gone");
    const good = nextCode(a.totpSecret);
    expect(await removePasskey(t.db, a.session, { passkey: p!.id, code: good }, newIp())).toBe("ok");
    expect((await readSecurityPage(t.db, a.session)).passkeys).toEqual([]);
    expect(await auditOf(a.id, "agent.passkey_removed")).toEqual([{ detail: p!.id, reason: "totp", ref: a.id }]);
    // The code was used up by the removal: it cannot sign in now.
    expect((await signInAgent(t.db, { email: a.email, password: PASSWORD, code: good }, newIp())).status).toBe(
      "refused",
    );
  });

  it("with a passkey: a fresh answer from one of the agent's own", async () => {
    const a = await withPasskey();
    const [p] = (await readSecurityPage(t.db, a.session)).passkeys;
    const b = await withPasskey();
    // B's passkey, even answering B's own confirmation, does not prove anything about A.
    const forB = await startPasskeyConfirmation(t.db, b.session);
    expect(await removePasskey(t.db, a.session, { passkey: p!.id, response: b.key.assert(forB!) }, newIp())).toBe(
      "bad_proof",
    );
    // A sign-in challenge is not a confirmation challenge.
    const signIn = await startPasskeySignIn(t.db);
    expect(await removePasskey(t.db, a.session, { passkey: p!.id, response: a.key.assert(signIn) }, newIp())).toBe(
      "bad_proof",
    );
    const forA = await startPasskeyConfirmation(t.db, a.session);
    expect(await removePasskey(t.db, a.session, { passkey: p!.id, response: a.key.assert(forA!) }, newIp())).toBe("ok");
    expect(await auditOf(a.id, "agent.passkey_removed")).toEqual([{ detail: p!.id, reason: "passkey", ref: a.id }]);
    expect(await signInWith(a.key)).toEqual({ status: "refused" });
  });
});

describe("a second-factor reset", () => {
  it("approved by a second supervisor, removes the account's passkeys, audited", async () => {
    const a = await withPasskey();
    const s1 = await account("supervisor");
    const s2 = await account("supervisor");
    expect(await startReset(t.db, s1.session, { agent: a.id, kind: "factor" })).toBe("ok");
    const [request] = await t.db
      .select({ id: agentResetRequests.id })
      .from(agentResetRequests)
      .where(eq(agentResetRequests.targetId, a.id));
    expect(await approveReset(t.db, s2.session, { request: request!.id })).toBe("ok");
    expect((await readSecurityPage(t.db, a.session)).passkeys).toEqual([]);
    expect(await signInWith(a.key)).toEqual({ status: "refused" });
    expect(await auditOf(s2.id, "agent.passkeys_removed")).toEqual([
      { detail: "1", reason: "factor_reset", ref: a.id },
    ]);
  });

  it("a password reset leaves passkeys alone; the command line's factor reset removes them", async () => {
    const a = await withPasskey();
    const s1 = await account("supervisor");
    const s2 = await account("supervisor");
    expect(await startReset(t.db, s1.session, { agent: a.id, kind: "password" })).toBe("ok");
    const [request] = await t.db
      .select({ id: agentResetRequests.id })
      .from(agentResetRequests)
      .where(eq(agentResetRequests.targetId, a.id));
    expect(await approveReset(t.db, s2.session, { request: request!.id })).toBe("ok");
    expect((await readSecurityPage(t.db, a.session)).passkeys).toHaveLength(1);
    await resetAgentFactor(t.db, a.email, { type: "cli" });
    expect((await readSecurityPage(t.db, a.session)).passkeys).toEqual([]);
  });
});
