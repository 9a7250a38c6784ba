import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { findAgentIdByEmail, insertAgent, replaceAgentCredentials } from "@/db/queries/agents";
import { type AuditActor, recordAudit } from "@/db/queries/audit";
import type { AgentRole } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { removeAllPasskeys } from "./passkeys";
import { newTotpSecret, sealTotpSecret, totpUri } from "./totp";

// Agent accounts and their second factor, for the command line (scripts/agent.ts, the operator's break-glass
// path), the demo and the e2e run. Every account gets a TOTP secret when it is made; the secret is shown once to
// whoever made the account and stored only sealed.

export type NewFactor = { totpSecret: string; otpauthUri: string };

/** Makes an account with its password and a fresh TOTP secret, audited, in one transaction. */
export async function createAgentAccount(
  db: Database,
  a: { email: string; displayName: string; role: AgentRole; password: string },
  actor: AuditActor,
): Promise<{ id: string } & NewFactor> {
  const id = randomUUID();
  const email = a.email.toLowerCase();
  const secret = newTotpSecret();
  const passwordHash = await hashPassword(a.password);
  await db.transaction(async (tx) => {
    await insertAgent(tx, {
      id,
      email,
      displayName: a.displayName,
      passwordHash,
      role: a.role,
      totpSecret: sealTotpSecret(id, secret),
    });
    await recordAudit(tx, actor, "agent.added", { ref: id });
  });
  return { id, totpSecret: secret, otpauthUri: totpUri(email, secret) };
}

/**
 * A new TOTP secret for the account (the old one and every passkey stop working), ending its sessions, audited:
 * the command line's break-glass reset. Null when there is no such account.
 */
export async function resetAgentFactor(db: Database, email: string, actor: AuditActor): Promise<NewFactor | null> {
  const secret = newTotpSecret();
  return db.transaction(async (tx) => {
    const id = await findAgentIdByEmail(tx, email);
    if (!id) return null;
    await replaceAgentCredentials(tx, id, { totpSecret: sealTotpSecret(id, secret), lastStep: null });
    await removeAllPasskeys(tx, id, actor);
    await recordAudit(tx, actor, "agent.factor_reset", { ref: id });
    return { totpSecret: secret, otpauthUri: totpUri(email.toLowerCase(), secret) };
  });
}
