import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { authenticator } from "otplib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { findActiveAgent, findAgentCredentials } from "@/db/queries/agents";
import { agents, auditEvents, mailOutbox } from "@/db/schema";
import { createAgentAccount } from "@/lib/agent/accounts";
import {
  approveReset,
  completeEnrolment,
  createAccountBySupervisor,
  readAgentsPage,
  readEnrolment,
  setAccountDisabled,
  startReset,
} from "@/lib/agent/agent-admin";
import { signInAgent } from "@/lib/agent/sign-in";
import type { AgentSession } from "@/lib/auth/agent";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import { useAppDatabase } from "./helpers/traveller-auth";

// The supervisors' agents page rules (lib/agent/agent-admin.ts) through the real database: the two-person reset,
// nobody acting on their own account, agents refused, and the mailed single-use enrolment link where the agent sets
// their own new credentials.
process.env.PASSWORD_HASH_TEST_N = "1024";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  useAppDatabase(t);
});
afterAll(async () => t?.destroy());
afterEach(() => vi.useRealTimers());

const PASSWORD = "correct horse battery staple";
const ip = { ip: "198.51.100.40" };

async function account(role: "agent" | "supervisor") {
  const email = `${role}.${randomUUID().slice(0, 8)}@airline.example`;
  const made = await createAgentAccount(
    t.db,
    { email, displayName: `${role} ${email}`, role, password: PASSWORD },
    {
      type: "cli",
    },
  );
  const session: AgentSession = { agentId: made.id, displayName: `${role} ${email}`, role };
  return { ...made, email, session };
}
const codeOf = (secret: string) => authenticator.clone({ epoch: Date.now() }).generate(secret);
const nextStep = () => vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 30_000 });

/** The token in the newest enrolment email to `email` (decrypted as the mail worker would). */
async function mailedToken(email: string): Promise<string> {
  const rows = await t.db
    .select({ id: mailOutbox.id, toEnc: mailOutbox.toEnc, bodyEnc: mailOutbox.bodyEnc })
    .from(mailOutbox)
    .where(eq(mailOutbox.kind, "agent_enrolment"))
    .orderBy(desc(mailOutbox.createdAt));
  const mine = rows.find((r) => decryptField(r.toEnc, aadFor("mail_outbox", "to", r.id)) === email);
  const body = decryptField(mine!.bodyEnc, aadFor("mail_outbox", "body", mine!.id));
  return /\/agent\/enrol\?token=([\w-]{43})/.exec(body)![1]!;
}

const actions = async (agentId: string) =>
  (
    await t.db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(eq(auditEvents.ref, agentId))
      .orderBy(auditEvents.id)
  ).map((e) => e.action);

describe("two-person resets", () => {
  it("takes a second supervisor; the starter, the target and agents cannot approve or start", async () => {
    const [a, b] = [await account("supervisor"), await account("supervisor")];
    const x = await account("agent");
    const other = await account("agent");
    // Nobody resets their own account; an agent resets nobody's.
    expect(await startReset(t.db, a.session, { agent: a.id, kind: "factor" })).toBe("not_allowed");
    expect(await startReset(t.db, other.session, { agent: x.id, kind: "factor" })).toBe("forbidden");
    expect(await startReset(t.db, a.session, { agent: x.id, kind: "factor" })).toBe("ok");
    expect(await startReset(t.db, b.session, { agent: x.id, kind: "factor" })).toBe("already_open");
    const page = await readAgentsPage(t.db, a.session);
    const request = page!.requests.find((r) => r.targetEmail === x.email)!;
    expect(request.canApprove).toBe(false);
    expect((await readAgentsPage(t.db, b.session))!.requests.find((r) => r.id === request.id)?.canApprove).toBe(true);
    expect(await readAgentsPage(t.db, other.session)).toBeNull();
    // No secret reaches the page.
    expect(JSON.stringify(page)).not.toMatch(/scrypt|v1\./);

    expect(await approveReset(t.db, a.session, { request: request.id })).toBe("not_allowed");
    expect(await approveReset(t.db, other.session, { request: request.id })).toBe("forbidden");
    // The agent is signed in before the approval.
    const before = await signInAgent(t.db, { email: x.email, password: PASSWORD, code: codeOf(x.totpSecret) }, ip);
    expect(before.status).toBe("ok");
    expect(await approveReset(t.db, b.session, { request: request.id })).toBe("ok");
    expect(await approveReset(t.db, b.session, { request: request.id })).toBe("not_allowed");

    // At once: the session is ended and the old factor no longer works.
    if (before.status !== "ok") throw new Error("unreachable");
    expect(await findActiveAgent(t.db, { agentId: x.id, epoch: before.epoch })).toBeNull();
    nextStep();
    expect(await signInAgent(t.db, { email: x.email, password: PASSWORD, code: codeOf(x.totpSecret) }, ip)).toEqual({
      status: "refused",
    });

    // The link, mailed to the agent's work email: they set the new factor themselves, confirming one code.
    const token = await mailedToken(x.email);
    const enrolment = await readEnrolment(t.db, token);
    expect(enrolment).toMatchObject({ setPassword: false, factor: { secret: expect.stringMatching(/^[A-Z2-7]+$/) } });
    const secret = enrolment!.factor!.secret;
    const wrong = String((Number(codeOf(secret)) + 1) % 1_000_000).padStart(6, "0");
    expect(await completeEnrolment(t.db, { token, code: wrong })).toBe("bad_code");
    expect(await completeEnrolment(t.db, { token, code: codeOf(secret) })).toBe("ok");
    expect(await completeEnrolment(t.db, { token, code: codeOf(secret) })).toBe("gone");
    expect(await readEnrolment(t.db, token)).toBeNull();
    // The confirming code cannot sign in again; the next one does, with the password unchanged.
    expect(await signInAgent(t.db, { email: x.email, password: PASSWORD, code: codeOf(secret) }, ip)).toEqual({
      status: "refused",
    });
    nextStep();
    expect((await signInAgent(t.db, { email: x.email, password: PASSWORD, code: codeOf(secret) }, ip)).status).toBe(
      "ok",
    );
    expect(await actions(x.id)).toEqual([
      "agent.added",
      "agent.reset_started",
      "agent.reset_approved",
      "agent.enrolled",
    ]);
  });

  it("resets a password the same way: the old one stops working, the agent sets the new one", async () => {
    const [a, b] = [await account("supervisor"), await account("supervisor")];
    const x = await account("supervisor");
    expect(await startReset(t.db, a.session, { agent: x.id, kind: "password" })).toBe("ok");
    const request = (await readAgentsPage(t.db, b.session))!.requests.find((r) => r.targetEmail === x.email)!;
    // The target, a supervisor too, cannot approve their own reset.
    expect(await approveReset(t.db, x.session, { request: request.id })).toBe("not_allowed");
    expect(await approveReset(t.db, b.session, { request: request.id })).toBe("ok");
    expect(await signInAgent(t.db, { email: x.email, password: PASSWORD, code: codeOf(x.totpSecret) }, ip)).toEqual({
      status: "refused",
    });
    const token = await mailedToken(x.email);
    expect(await readEnrolment(t.db, token)).toEqual({ setPassword: true, factor: null });
    expect(await completeEnrolment(t.db, { token })).toBe("invalid");
    expect(await completeEnrolment(t.db, { token, password: "a brand new passphrase" })).toBe("ok");
    nextStep();
    expect(
      (await signInAgent(t.db, { email: x.email, password: "a brand new passphrase", code: codeOf(x.totpSecret) }, ip))
        .status,
    ).toBe("ok");
  });

  it("is held by the database too: no self-approval, even by a direct write", async () => {
    const a = await account("supervisor");
    const x = await account("agent");
    expect(await startReset(t.db, a.session, { agent: x.id, kind: "factor" })).toBe("ok");
    const { agentResetRequests } = await import("@/db/schema");
    await expect(
      t.db.update(agentResetRequests).set({ approvedBy: a.id }).where(eq(agentResetRequests.targetId, x.id)),
    ).rejects.toThrow();
  });
});

describe("accounts made and disabled on the page", () => {
  it("creates an account whose owner enrols from the mailed link; agents can do none of it", async () => {
    const a = await account("supervisor");
    const agent = await account("agent");
    const email = `new.${randomUUID().slice(0, 8)}@airline.example`;
    expect(await createAccountBySupervisor(t.db, agent.session, { email, name: "New Person", role: "agent" })).toBe(
      "forbidden",
    );
    expect(await createAccountBySupervisor(t.db, a.session, { email, name: "New Person", role: "agent" })).toBe("ok");
    expect(await createAccountBySupervisor(t.db, a.session, { email, name: "Again", role: "agent" })).toBe("exists");
    const token = await mailedToken(email);
    const enrolment = await readEnrolment(t.db, token);
    expect(enrolment?.setPassword).toBe(true);
    const secret = enrolment!.factor!.secret;
    expect(await completeEnrolment(t.db, { token, password: "my own new password", code: codeOf(secret) })).toBe("ok");
    nextStep();
    expect((await signInAgent(t.db, { email, password: "my own new password", code: codeOf(secret) }, ip)).status).toBe(
      "ok",
    );

    const id = (await findAgentCredentials(t.db, email))!.id;
    expect(await setAccountDisabled(t.db, agent.session, { agent: id, disabled: "true" })).toBe("forbidden");
    expect(await setAccountDisabled(t.db, a.session, { agent: a.id, disabled: "true" })).toBe("not_allowed");
    expect(await setAccountDisabled(t.db, a.session, { agent: id, disabled: "true" })).toBe("ok");
    expect((await findAgentCredentials(t.db, email))!.disabled).toBe(true);
    const events = await t.db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.ref, id), eq(auditEvents.actorId, a.id)));
    expect(events.map((e) => e.action)).toEqual(["agent.added", "agent.enrolment_sent", "agent.disabled"]);
    const [row] = await t.db.select({ totpSecret: agents.totpSecret }).from(agents).where(eq(agents.id, id));
    expect(row?.totpSecret).toMatch(/^v1\./);
  });
});
