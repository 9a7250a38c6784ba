import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endAgentSessions, findActiveAgent, insertAgent, setAgentDisabled } from "@/db/queries/agents";
import { auditEvents, bookingPassengers, companionFlags } from "@/db/schema";
import { markFlagNotified, readFlagQueue } from "@/lib/agent/queue";
import { signInAgent } from "@/lib/agent/sign-in";
import { agentOf, issueAgentToken, readAgentToken, slideAgentSession } from "@/lib/auth/agent-session";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { AGENT_ABSOLUTE_SECONDS } from "@/lib/auth/policy";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { flagCompanion } from "@/lib/traveller/companions";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import { familyBooking, travellerFor } from "./helpers/traveller-fixtures";

// The agent console's rules, through the real parts: passwords, sign-in with its limits, the agent session token,
// and the companion-flag queue travellers fill from /my/companions.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

const PASSWORD = "correct horse battery staple";
const newAgent = async (opts: { disabled?: boolean } = {}) => {
  const email = `agent.${randomUUID().slice(0, 8)}@airline.example`;
  const { id } = await insertAgent(t.db, {
    email,
    displayName: "Dana Agent",
    passwordHash: await hashPassword(PASSWORD),
  });
  if (opts.disabled) await setAgentDisabled(t.db, email, true);
  return { id, email };
};

describe("agent passwords", () => {
  it("verify only the password they were made from, and never with a missing or malformed hash", async () => {
    const hash = await hashPassword("Été à Montréal 2025!");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain("Montréal");
    expect(await verifyPassword("Été à Montréal 2025!", hash)).toBe(true);
    // The same text in decomposed Unicode (as some keyboards send it) is the same password.
    expect(await verifyPassword("Été à Montréal 2025!".normalize("NFD"), hash)).toBe(true);
    expect(await verifyPassword("ete a montreal 2025!", hash)).toBe(false);
    expect(await verifyPassword("Été à Montréal 2025!", null)).toBe(false);
    expect(await verifyPassword("x", "scrypt$1$1")).toBe(false);
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });
});

describe("agent sign-in", () => {
  it("lets an active agent in, and refuses a wrong password, an unknown email and a disabled account alike", async () => {
    const a = await newAgent();
    expect(
      await signInAgent(t.db, { email: a.email.toUpperCase(), password: PASSWORD }, { ip: "198.51.100.1" }),
    ).toEqual({ status: "ok", agentId: a.id, epoch: 0 });
    expect(await signInAgent(t.db, { email: a.email, password: `${PASSWORD}!` }, { ip: "198.51.100.1" })).toEqual({
      status: "refused",
    });
    expect(
      await signInAgent(
        t.db,
        { email: `nobody.${randomUUID()}@airline.example`, password: PASSWORD },
        { ip: "198.51.100.1" },
      ),
    ).toEqual({ status: "refused" });
    const off = await newAgent({ disabled: true });
    expect(await signInAgent(t.db, { email: off.email, password: PASSWORD }, { ip: "198.51.100.1" })).toEqual({
      status: "refused",
    });
    expect(await findActiveAgent(t.db, { agentId: off.id, epoch: 1 })).toBeNull();
    expect(await findActiveAgent(t.db, { agentId: a.id, epoch: 0 })).toEqual({ id: a.id, displayName: "Dana Agent" });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, a.id), eq(auditEvents.action, "agent.signed_in")));
    expect(event?.actorType).toBe("agent");
  });

  it("limits guesses at one account from one client, without locking the agent out from their own desk", async () => {
    const a = await newAgent();
    for (let i = 0; i < 10; i++) {
      expect((await signInAgent(t.db, { email: a.email, password: `guess ${i}` }, { ip: "203.0.113.66" })).status).toBe(
        "refused",
      );
    }
    const limited = await signInAgent(t.db, { email: a.email, password: PASSWORD }, { ip: "203.0.113.66" });
    expect(limited.status).toBe("limited");
    if (limited.status === "limited") expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    // The agent, from another address, still gets in.
    expect((await signInAgent(t.db, { email: a.email, password: PASSWORD }, { ip: "203.0.113.67" })).status).toBe("ok");
  });

  it("limits guesses per client across accounts", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < 30; i++)
      await signInAgent(
        t.db,
        { email: `spray.${i}.${randomUUID().slice(0, 4)}@airline.example`, password: "guess" },
        { ip },
      );
    const a = await newAgent();
    expect((await signInAgent(t.db, { email: a.email, password: PASSWORD }, { ip })).status).toBe("limited");
    // The account itself was not charged for that client's refusal.
    expect((await signInAgent(t.db, { email: a.email, password: PASSWORD }, { ip: "192.0.2.78" })).status).toBe("ok");
  });
});

describe("agent session token", () => {
  it("ends for every holder when the agent signs out or is disabled: the account's epoch moves on", async () => {
    const a = await newAgent();
    const signedIn = await signInAgent(t.db, { email: a.email, password: PASSWORD }, { ip: "198.51.100.9" });
    if (signedIn.status !== "ok") throw new Error("sign-in failed");
    const claims = readAgentToken(issueAgentToken({ agentId: signedIn.agentId, epoch: signedIn.epoch }).token)!;
    expect(await findActiveAgent(t.db, claims)).not.toBeNull();
    await endAgentSessions(t.db, a.id);
    expect(await findActiveAgent(t.db, claims)).toBeNull();
    const again = await signInAgent(t.db, { email: a.email, password: PASSWORD }, { ip: "198.51.100.9" });
    expect(again).toMatchObject({ status: "ok", epoch: 1 });
    expect(await findActiveAgent(t.db, { agentId: a.id, epoch: 1 })).not.toBeNull();
    await setAgentDisabled(t.db, a.email, true);
    expect(await findActiveAgent(t.db, { agentId: a.id, epoch: 1 })).toBeNull();
    await setAgentDisabled(t.db, a.email, false);
    // Re-enabling does not bring old tokens back.
    expect(await findActiveAgent(t.db, { agentId: a.id, epoch: 1 })).toBeNull();
  });

  it("names only the agent, survives the idle refresh, and ends at the absolute timeout or when tampered with", () => {
    const id = randomUUID();
    const agent = { agentId: id, epoch: 3 };
    const now = Math.floor(Date.now() / 1000);
    const { token } = issueAgentToken(agent, now);
    expect(readAgentToken(token, now)).toEqual(agent);
    const claims = decodeSessionToken({ token, secret: env().AUTH_SECRET, salt: "portal.agent", now });
    expect(Object.keys(claims ?? {}).sort()).toEqual(["agentId", "authAt", "epoch", "exp", "iat", "jti"]);
    // A traveller cookie's key (another salt) cannot read it.
    expect(decodeSessionToken({ token, secret: env().AUTH_SECRET, salt: "portal.session", now })).toBeNull();
    expect(readAgentToken(`${token.slice(0, -4)}AAAA`, now)).toBeNull();
    expect(slideAgentSession(token, now + 10).kind).toBe("keep");
    const later = slideAgentSession(token, now + 20 * 60);
    expect(later.kind).toBe("reissue");
    if (later.kind === "reissue") expect(readAgentToken(later.token, now + 20 * 60)).toEqual(agent);
    expect(agentOf({ agentId: id, epoch: 3, authAt: now - AGENT_ABSOLUTE_SECONDS - 1 }, now)).toBeNull();
    expect(slideAgentSession(token, now + 31 * 60).kind).toBe("clear");
    expect(agentOf({ agentId: "not-a-uuid", epoch: 3, authAt: now }, now)).toBeNull();
    expect(agentOf({ agentId: id, authAt: now }, now)).toBeNull();
  });
});

describe("the companion-flag queue", () => {
  // The queue as the page reads it (lib/agent/queue.ts), by an agent whose reads are audited.
  const queueOf = async (agentId: string, status: "new" | "notified") =>
    readFlagQueue(t.db, { agentId, displayName: "Dana Agent" }, { status, limit: 10_000 });

  it("shows agents what they need to contact a flagged companion, oldest first, and records who marked it done", async () => {
    const a = await newAgent();
    const agent = { agentId: a.id, displayName: "Dana Agent" };
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
      contactAddresses: [{ email: "guardian@example.org", givenByName: "Zoë Côté", givenByRole: "booker" }],
      flaggedByName: "Zoë Côté",
      flaggedByRole: "booker",
    });
    expect(queue[1]).toMatchObject({
      contactAddresses: [],
      companionEmailOnFile: true,
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
