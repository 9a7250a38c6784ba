import "server-only";
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { z } from "zod";
import type { Database } from "@/db/client";
import {
  consumePasskeyChallenge,
  deleteAgentPasskeys,
  deletePasskey,
  findPasskeyCredential,
  insertPasskey,
  insertPasskeyChallenge,
  listPasskeyCredentialIds,
  listPasskeys,
  type PasskeyCredentialRow,
  recordPasskeyUse,
} from "@/db/queries/agent-passkeys";
import { claimTotpStep, findAgentAccount, findAgentCredentials } from "@/db/queries/agents";
import { type AuditActor, recordAudit } from "@/db/queries/audit";
import type { PasskeyCeremony } from "@/db/schema";
import type { AgentSession } from "@/lib/auth/agent";
import type { PasskeyDto } from "@/lib/dto/agent-accounts";
import { env } from "@/lib/env";
import type { AddPasskeyValues } from "@/lib/forms/agent-passkeys";
import { countAgentSignIn } from "@/lib/rate-limit";
import type { AgentSignInOutcome } from "./sign-in";
import { matchTotpStep, openTotpSecret } from "./totp";

// Agents' passkeys (WebAuthn, through @simplewebauthn/server): the phishing-resistant alternative to the TOTP code.
// A passkey is bound to the portal's origin (PASSKEY_ORIGIN, else PUBLIC_URL), so a look-alike site cannot use
// what an agent's authenticator signs for it. Every ceremony's challenge is stored in the database, used once
// (deleted by the statement that accepts it, whatever the answer's fate) and short-lived: any instance may serve
// either half. Sign-in asks for a discoverable credential with user verification (the authenticator's PIN or
// biometric stands in for the password), follows the same limits as the password sign-in and returns the same
// outcome, so next-auth issues the same session (agent-auth.ts, `agent-passkey`). Adding and removing are the
// agent's own, for their own account only; adding needs the TOTP code, removing the code or a passkey. Everything
// is audited.

const CHALLENGE_SECONDS = 5 * 60;
const RP_NAME = "Incident support (agents)";

/** The origin passkeys are bound to and its host, the RP ID (lib/env.ts explains PASSKEY_ORIGIN). */
function relyingParty(): { origin: string; rpID: string } {
  const url = new URL(env().PASSKEY_ORIGIN ?? env().PUBLIC_URL);
  return { origin: url.origin, rpID: url.hostname };
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const fromB64url = (s: string) => new Uint8Array(Buffer.from(s, "base64url"));
/** The WebAuthn user handle: the account's id as 16 bytes (no personal data, the same for all its passkeys). */
const userHandleOf = (agentId: string) => new Uint8Array(Buffer.from(agentId.replaceAll("-", ""), "hex"));
const transportsOf = (csv: string) => (csv ? csv.split(",") : undefined);

/** The browser's answer, as far as we look before the library checks it: an object naming its credential. */
const responseShape = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().min(1) }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

function parseResponse<T>(json: string): T | null {
  try {
    const parsed = responseShape.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as T) : null;
  } catch {
    return null;
  }
}

async function newChallenge(
  db: Database,
  ceremony: PasskeyCeremony,
  agentId: string | null,
  challenge: string,
): Promise<void> {
  await insertPasskeyChallenge(db, {
    challenge,
    ceremony,
    agentId,
    expiresAt: new Date(Date.now() + CHALLENGE_SECONDS * 1000),
  });
}

/** Used once: the library asks with the challenge the browser signed; true only the first time, while live. */
const consume = (db: Database, ceremony: PasskeyCeremony, agentId: string | null) => (challenge: string) =>
  consumePasskeyChallenge(db, { challenge, ceremony, agentId });

/**
 * Checks an assertion against a stored credential and records its use (the counter moves forward, in one
 * conditional UPDATE). False for any failure: wrong or used challenge, bad signature, no user verification,
 * a counter that went backwards (a cloned authenticator), or a user handle naming another account.
 */
async function verifyAssertion(
  db: Database,
  response: AuthenticationResponseJSON,
  cred: PasskeyCredentialRow,
  ceremony: PasskeyCeremony,
  agentId: string | null,
): Promise<boolean> {
  const { origin, rpID } = relyingParty();
  if (response.response.userHandle && response.response.userHandle !== b64url(userHandleOf(cred.agentId))) return false;
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response,
      expectedChallenge: consume(db, ceremony, agentId),
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: cred.credentialId,
        publicKey: fromB64url(cred.publicKey),
        counter: cred.counter,
        transports: transportsOf(cred.transports),
      },
      requireUserVerification: true,
    });
    return verified && (await recordPasskeyUse(db, cred.id, cred.counter, authenticationInfo.newCounter));
  } catch {
    // The library throws for every malformed or failing answer; all of them are a plain refusal.
    return false;
  }
}

export async function readSecurityPage(db: Database, s: AgentSession): Promise<{ passkeys: PasskeyDto[] }> {
  const rows = await listPasskeys(db, s.agentId);
  return {
    passkeys: rows.map((p) => ({
      id: p.id,
      name: p.name,
      createdAt: p.createdAt.toISOString(),
      lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * The signed-in agent proves they hold their authenticator app now: the current code, counted against the
 * account's sign-in limits (a session holder guessing codes is limited like anyone) and used up once accepted.
 */
async function proveTotp(
  db: Database,
  account: { id: string; email: string },
  code: string,
  ip: string,
): Promise<"ok" | "bad_proof" | "limited"> {
  const decision = await countAgentSignIn(db, { email: account.email, ip });
  if (!decision.allowed) return "limited";
  const creds = await findAgentCredentials(db, account.email);
  const secret = creds?.totpSecret ? openTotpSecret(account.id, creds.totpSecret) : null;
  const step = matchTotpStep(secret, code.replace(" ", ""));
  if (step === null || !(await claimTotpStep(db, account.id, step))) return "bad_proof";
  return "ok";
}

/**
 * Options for adding a passkey to the signed-in agent's own account, once they gave the current authenticator
 * code: a passkey outlives any session, so a stolen session alone must not be able to plant one.
 */
export async function startPasskeyRegistration(
  db: Database,
  s: AgentSession,
  v: { code: string },
  ctx: { ip: string },
): Promise<PublicKeyCredentialCreationOptionsJSON | "bad_proof" | "limited" | "gone"> {
  const account = await findAgentAccount(db, s.agentId);
  if (!account || account.disabled) return "gone";
  const proof = await proveTotp(db, account, v.code, ctx.ip);
  if (proof !== "ok") return proof;
  const existing = await listPasskeyCredentialIds(db, s.agentId);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: relyingParty().rpID,
    userName: account.email,
    userDisplayName: account.displayName,
    userID: userHandleOf(s.agentId),
    attestationType: "none",
    // A discoverable credential (the sign-in page asks for none by name) that checks who holds it.
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: transportsOf(c.transports) })),
    timeout: CHALLENGE_SECONDS * 1000,
  });
  await newChallenge(db, "register", s.agentId, options.challenge);
  return options;
}

export type AddPasskeyOutcome = "ok" | "failed" | "exists";

export async function addPasskey(db: Database, s: AgentSession, v: AddPasskeyValues): Promise<AddPasskeyOutcome> {
  const response = parseResponse<RegistrationResponseJSON>(v.response);
  if (!response) return "failed";
  const { origin, rpID } = relyingParty();
  let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>["registrationInfo"];
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: consume(db, "register", s.agentId),
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
    info = result.verified ? result.registrationInfo : undefined;
  } catch {
    return "failed";
  }
  if (!info) return "failed";
  const { credential } = info;
  return db.transaction(async (tx) => {
    const id = await insertPasskey(tx, {
      agentId: s.agentId,
      credentialId: credential.id,
      publicKey: b64url(credential.publicKey),
      counter: credential.counter,
      transports: (credential.transports ?? []).join(","),
      name: v.name,
    });
    if (!id) return "exists";
    await recordAudit(
      tx,
      { type: "agent", agentId: s.agentId },
      "agent.passkey_added",
      { ref: s.agentId },
      { detail: id },
    );
    return "ok";
  });
}

/** Options for a passkey sign-in: no account named (the passkey is discoverable), user verification required. */
export async function startPasskeySignIn(db: Database): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    userVerification: "required",
    timeout: CHALLENGE_SECONDS * 1000,
  });
  await newChallenge(db, "sign_in", null, options.challenge);
  return options;
}

/**
 * Passkey sign-in, without the HTTP parts: the same outcome as the password sign-in (lib/agent/sign-in.ts), the
 * attempt counted first in the same buckets (the account's, when the passkey is known, so both ways share one
 * budget), a disabled account refused like any other failure, and `agent.signed_in` audited with the method.
 */
export async function signInAgentWithPasskey(
  db: Database,
  json: string,
  ctx: { ip: string },
): Promise<AgentSignInOutcome> {
  const response = parseResponse<AuthenticationResponseJSON>(json);
  const cred = response ? await findPasskeyCredential(db, response.id) : null;
  const decision = await countAgentSignIn(db, { email: cred?.email ?? `passkey:${response?.id ?? ""}`, ip: ctx.ip });
  if (!decision.allowed) return { status: "limited", retryAfterSeconds: decision.retryAfterSeconds };
  if (!response || !cred) return { status: "refused" };
  if (!(await verifyAssertion(db, response, cred, "sign_in", null)) || cred.disabled) return { status: "refused" };
  await recordAudit(db, { type: "agent", agentId: cred.agentId }, "agent.signed_in", {}, { detail: "passkey" });
  return { status: "ok", agentId: cred.agentId, epoch: cred.sessionEpoch };
}

/** Options to confirm an act (removing a passkey) with one of the signed-in agent's own passkeys. */
export async function startPasskeyConfirmation(
  db: Database,
  s: AgentSession,
): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const mine = await listPasskeyCredentialIds(db, s.agentId);
  if (mine.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    userVerification: "required",
    allowCredentials: mine.map((c) => ({ id: c.credentialId, transports: transportsOf(c.transports) })),
    timeout: CHALLENGE_SECONDS * 1000,
  });
  await newChallenge(db, "confirm", s.agentId, options.challenge);
  return options;
}

export type RemovePasskeyOutcome = "ok" | "bad_proof" | "limited" | "gone";

/**
 * Removes one of the agent's own passkeys, once they proved they hold a factor now: the current TOTP code (a code
 * works once, and tries count against the account's sign-in limits) or an answer from one of their passkeys.
 */
export async function removePasskey(
  db: Database,
  s: AgentSession,
  v: { passkey: string } & ({ code: string } | { response: string }),
  ctx: { ip: string },
): Promise<RemovePasskeyOutcome> {
  const account = await findAgentAccount(db, s.agentId);
  if (!account || account.disabled) return "gone";
  let method: "totp" | "passkey";
  if ("code" in v) {
    const proof = await proveTotp(db, account, v.code, ctx.ip);
    if (proof !== "ok") return proof;
    method = "totp";
  } else {
    const response = parseResponse<AuthenticationResponseJSON>(v.response);
    const cred = response ? await findPasskeyCredential(db, response.id) : null;
    if (!response || !cred || cred.agentId !== s.agentId) return "bad_proof";
    if (!(await verifyAssertion(db, response, cred, "confirm", s.agentId))) return "bad_proof";
    method = "passkey";
  }
  return db.transaction(async (tx) => {
    const removed = await deletePasskey(tx, s.agentId, v.passkey);
    if (removed === null) return "gone";
    await recordAudit(
      tx,
      { type: "agent", agentId: s.agentId },
      "agent.passkey_removed",
      { ref: s.agentId },
      { reason: method, detail: v.passkey },
    );
    return "ok";
  });
}

/**
 * Part of every second-factor reset (approved by a second supervisor, or the command line's): a reset factor is
 * any factor, so the account's passkeys go too. Audited when there were any. Runs in the reset's transaction.
 */
export async function removeAllPasskeys(db: Database, agentId: string, actor: AuditActor): Promise<void> {
  const count = await deleteAgentPasskeys(db, agentId);
  if (count > 0)
    await recordAudit(
      db,
      actor,
      "agent.passkeys_removed",
      { ref: agentId },
      { reason: "factor_reset", detail: String(count) },
    );
}
