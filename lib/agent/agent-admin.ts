import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import {
  approveResetRequest,
  expireEnrolments,
  findUsableEnrolment,
  insertEnrolment,
  insertResetRequest,
  listOpenResetRequests,
  useEnrolment,
} from "@/db/queries/agent-resets";
import {
  AgentExistsError,
  findAgentAccount,
  listAgents,
  replaceAgentCredentials,
  setAgentDisabled,
} from "@/db/queries/agents";
import { recordAudit } from "@/db/queries/audit";
import type { ResetKind } from "@/db/schema";
import type { AgentSession } from "@/lib/auth/agent";
import { hashPassword } from "@/lib/auth/password";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import type { AgentAccountDto, EnrolmentDto, ResetRequestDto } from "@/lib/dto/agent-accounts";
import { env } from "@/lib/env";
import type { CreateAgentValues, EnrolValues } from "@/lib/forms/agent-accounts";
import { enqueueMail } from "@/lib/mail/queue";
import { createAgentAccount } from "./accounts";
import { enrolmentMail } from "./enrolment-mail";
import { removeAllPasskeys } from "./passkeys";
import { matchTotpStep, newTotpSecret, sealTotpSecret, totpUri } from "./totp";

// The supervisors' rules for agent accounts (/agent/agents). Only a supervisor acts here (checked again in every
// function, whatever the page or action did); nobody acts on their own account; a reset needs a second supervisor
// (the one who started it cannot approve it, which the table's constraints hold too). An approved reset, and an
// account made here, end in a single-use link mailed to the account's work email: the agent sets the new password
// and/or TOTP secret there, so no supervisor ever holds anyone's credentials. Everything is audited.

export type AdminOutcome = "ok" | "forbidden" | "not_allowed" | "gone" | "exists" | "already_open";

const ENROLMENT_SECONDS = 24 * 60 * 60;
const actorOf = (s: AgentSession) => ({ type: "agent" as const, agentId: s.agentId });
const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");
const enrolmentAad = (id: string) => aadFor("agent_enrolments", "totp_secret", id);

export async function readAgentsPage(
  db: Database,
  s: AgentSession,
): Promise<{ accounts: AgentAccountDto[]; requests: ResetRequestDto[] } | null> {
  if (s.role !== "supervisor") return null;
  const accounts = (await listAgents(db)).map((a) => ({ ...a, self: a.id === s.agentId }));
  const requests = (await listOpenResetRequests(db)).map((r) => ({
    id: r.id,
    targetName: r.targetName,
    targetEmail: r.targetEmail,
    kind: r.kind,
    requestedByName: r.requestedByName,
    requestedAt: r.requestedAt.toISOString(),
    canApprove: r.requestedBy !== s.agentId && r.targetId !== s.agentId,
  }));
  return { accounts, requests };
}

/** A new single-use link for the account (earlier ones stop working), queued to its work email. */
async function issueEnrolment(
  db: Database,
  agent: { id: string; email: string },
  what: { password: boolean; factor: boolean },
) {
  const id = randomUUID();
  const token = randomBytes(32).toString("base64url");
  await expireEnrolments(db, agent.id);
  await insertEnrolment(db, {
    id,
    agentId: agent.id,
    tokenHash: tokenHash(token),
    setPassword: what.password,
    setFactor: what.factor,
    totpSecret: what.factor ? encryptField(newTotpSecret(), enrolmentAad(id)) : null,
    expiresAt: new Date(Date.now() + ENROLMENT_SECONDS * 1000),
  });
  const link = new URL(`/agent/enrol?token=${token}`, env().PUBLIC_URL).toString();
  await enqueueMail(db, { kind: "agent_enrolment", to: agent.email, ...enrolmentMail(link) });
}

/**
 * A new account, made by a supervisor: its password and secret are random and never shown (nobody can sign in
 * with them); the agent sets their own from the enrolment link.
 */
export async function createAccountBySupervisor(
  db: Database,
  s: AgentSession,
  v: CreateAgentValues,
): Promise<AdminOutcome> {
  if (s.role !== "supervisor") return "forbidden";
  try {
    await db.transaction(async (tx) => {
      const { id } = await createAgentAccount(
        tx,
        { email: v.email, displayName: v.name, role: v.role, password: randomBytes(24).toString("base64url") },
        actorOf(s),
      );
      await issueEnrolment(tx, { id, email: v.email }, { password: true, factor: true });
      await recordAudit(tx, actorOf(s), "agent.enrolment_sent", { ref: id });
    });
  } catch (err) {
    if (err instanceof AgentExistsError) return "exists";
    throw err;
  }
  return "ok";
}

export async function setAccountDisabled(
  db: Database,
  s: AgentSession,
  v: { agent: string; disabled: "true" | "false" },
): Promise<AdminOutcome> {
  if (s.role !== "supervisor") return "forbidden";
  if (v.agent === s.agentId) return "not_allowed";
  return db.transaction(async (tx) => {
    const target = await findAgentAccount(tx, v.agent);
    if (!target) return "gone";
    const disabled = v.disabled === "true";
    await setAgentDisabled(tx, target.email, disabled);
    await recordAudit(tx, actorOf(s), disabled ? "agent.disabled" : "agent.enabled", { ref: target.id });
    return "ok";
  });
}

export async function startReset(
  db: Database,
  s: AgentSession,
  v: { agent: string; kind: ResetKind },
): Promise<AdminOutcome> {
  if (s.role !== "supervisor") return "forbidden";
  if (v.agent === s.agentId) return "not_allowed";
  return db.transaction(async (tx) => {
    const target = await findAgentAccount(tx, v.agent);
    if (!target) return "gone";
    const id = await insertResetRequest(tx, { targetId: target.id, kind: v.kind, requestedBy: s.agentId });
    if (!id) return "already_open";
    await recordAudit(tx, actorOf(s), "agent.reset_started", { ref: target.id }, { reason: v.kind, detail: id });
    return "ok";
  });
}

/**
 * A second supervisor approves: at once the old password or factor (the TOTP secret and every passkey) stops
 * working, every session of the account ends, and an enrolment link goes to the account's work email.
 */
export async function approveReset(db: Database, s: AgentSession, v: { request: string }): Promise<AdminOutcome> {
  if (s.role !== "supervisor") return "forbidden";
  return db.transaction(async (tx) => {
    const approved = await approveResetRequest(tx, v.request, s.agentId);
    if (!approved) return "not_allowed";
    const target = await findAgentAccount(tx, approved.targetId);
    if (!target) return "gone";
    const password = approved.kind === "password";
    await replaceAgentCredentials(
      tx,
      target.id,
      password
        ? { passwordHash: await hashPassword(randomBytes(24).toString("base64url")) }
        : { totpSecret: null, lastStep: null },
    );
    if (!password) await removeAllPasskeys(tx, target.id, actorOf(s));
    await issueEnrolment(tx, target, { password, factor: !password });
    await recordAudit(
      tx,
      actorOf(s),
      "agent.reset_approved",
      { ref: target.id },
      { reason: approved.kind, detail: v.request },
    );
    return "ok";
  });
}

/** What the enrolment page shows for a link: null when it is unknown, used, expired or its account disabled. */
export async function readEnrolment(db: Database, token: string): Promise<EnrolmentDto | null> {
  const e = await findUsableEnrolment(db, tokenHash(token));
  if (!e) return null;
  const secret = e.totpSecret ? decryptField(e.totpSecret, enrolmentAad(e.id)) : null;
  return {
    setPassword: e.setPassword,
    factor: secret ? { secret, uri: totpUri(e.email, secret) } : null,
  };
}

/** Sets what the link allows, in one transaction that also uses the link up. */
export async function completeEnrolment(db: Database, v: EnrolValues): Promise<"ok" | "gone" | "bad_code" | "invalid"> {
  const e = await findUsableEnrolment(db, tokenHash(v.token));
  if (!e) return "gone";
  if ((e.setPassword && !v.password) || (e.totpSecret && !v.code)) return "invalid";
  let factor: { totpSecret: string; lastStep: number } | undefined;
  if (e.totpSecret) {
    const secret = decryptField(e.totpSecret, enrolmentAad(e.id));
    const step = matchTotpStep(secret, (v.code ?? "").replace(" ", ""));
    if (step === null) return "bad_code";
    factor = { totpSecret: sealTotpSecret(e.agentId, secret), lastStep: step };
  }
  const passwordHash = e.setPassword && v.password ? await hashPassword(v.password) : undefined;
  return db.transaction(async (tx) => {
    if (!(await useEnrolment(tx, e.id))) return "gone";
    await replaceAgentCredentials(tx, e.agentId, { ...factor, passwordHash });
    await recordAudit(
      tx,
      { type: "agent", agentId: e.agentId },
      "agent.enrolled",
      { ref: e.agentId },
      { detail: [e.setPassword ? "password" : null, e.totpSecret ? "factor" : null].filter(Boolean).join(",") },
    );
    return "ok";
  });
}
