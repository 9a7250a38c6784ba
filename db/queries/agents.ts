import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type AgentRole, agents } from "@/db/schema";

// Agent accounts. Emails are compared lower-cased; disabled accounts keep their row (the audit trail names them).

export type AgentCredentials = {
  id: string;
  passwordHash: string;
  disabled: boolean;
  sessionEpoch: number;
  /** Sealed (lib/agent/totp.ts opens it); null for an account made before second factors. */
  totpSecret: string | null;
};
/** What an agent page may know about the signed-in agent. */
export type AgentProfile = { id: string; displayName: string; role: AgentRole };

export class AgentExistsError extends Error {
  constructor() {
    super("an agent with this email address already exists");
    this.name = "AgentExistsError";
  }
}

export async function insertAgent(
  db: Database,
  a: { id: string; email: string; displayName: string; passwordHash: string; role: AgentRole; totpSecret: string },
): Promise<{ id: string }> {
  const rows = await db
    .insert(agents)
    .values({
      id: a.id,
      email: a.email.toLowerCase(),
      displayName: a.displayName,
      passwordHash: a.passwordHash,
      role: a.role,
      totpSecret: a.totpSecret,
    })
    .onConflictDoNothing({ target: agents.email })
    .returning({ id: agents.id });
  if (!rows[0]) throw new AgentExistsError();
  return rows[0];
}

export async function findAgentCredentials(db: Database, email: string): Promise<AgentCredentials | null> {
  const [row] = await db
    .select({
      id: agents.id,
      passwordHash: agents.passwordHash,
      sessionEpoch: agents.sessionEpoch,
      totpSecret: agents.totpSecret,
      disabled: sql<boolean>`(${agents.disabledAt} is not null)`,
    })
    .from(agents)
    .where(eq(agents.email, email.toLowerCase()))
    .limit(1);
  return row ? { ...row, disabled: Boolean(row.disabled) } : null;
}

/**
 * Accepts a TOTP time step for the account only if it is later than the last one accepted, in one conditional
 * UPDATE: of two sign-ins racing with the same code, exactly one changes the row. True when this one did.
 */
export async function claimTotpStep(db: Database, agentId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(agents)
    .set({ totpLastStep: step })
    .where(and(eq(agents.id, agentId), or(isNull(agents.totpLastStep), lt(agents.totpLastStep, step))))
    .returning({ id: agents.id });
  return rows.length === 1;
}

/**
 * A new second factor (sealed secret) and/or password hash for the account, ending its sessions. `lastStep` is the
 * step of the code that confirmed the new secret, if one did (so that code cannot be used again to sign in).
 */
export async function replaceAgentCredentials(
  db: Database,
  agentId: string,
  c: { totpSecret?: string | null; lastStep?: number | null; passwordHash?: string },
): Promise<boolean> {
  const rows = await db
    .update(agents)
    .set({
      ...(c.totpSecret === undefined ? {} : { totpSecret: c.totpSecret, totpLastStep: c.lastStep ?? null }),
      ...(c.passwordHash === undefined ? {} : { passwordHash: c.passwordHash }),
      sessionEpoch: sql`${agents.sessionEpoch} + 1`,
    })
    .where(eq(agents.id, agentId))
    .returning({ id: agents.id });
  return rows.length === 1;
}

export async function findAgentIdByEmail(db: Database, email: string): Promise<string | null> {
  const [row] = await db.select({ id: agents.id }).from(agents).where(eq(agents.email, email.toLowerCase())).limit(1);
  return row?.id ?? null;
}

/** The agent, if the account exists, is not disabled and the token's session epoch is current (every request). */
export async function findActiveAgent(
  db: Database,
  s: { agentId: string; epoch: number },
): Promise<AgentProfile | null> {
  const [row] = await db
    .select({ id: agents.id, displayName: agents.displayName, role: agents.role })
    .from(agents)
    .where(and(eq(agents.id, s.agentId), isNull(agents.disabledAt), eq(agents.sessionEpoch, s.epoch)))
    .limit(1);
  return row ?? null;
}

/** Ends every session of the account (sign-out): tokens issued before no longer match its epoch. */
export async function endAgentSessions(db: Database, agentId: string): Promise<void> {
  await db
    .update(agents)
    .set({ sessionEpoch: sql`${agents.sessionEpoch} + 1` })
    .where(eq(agents.id, agentId));
}

/** Disables (ending its sessions) or re-enables an account. Returns its id, or null when there is no such account. */
export async function setAgentDisabled(db: Database, email: string, disabled: boolean): Promise<string | null> {
  const rows = await db
    .update(agents)
    .set(
      disabled
        ? { disabledAt: sql`coalesce(${agents.disabledAt}, now())`, sessionEpoch: sql`${agents.sessionEpoch} + 1` }
        : { disabledAt: null },
    )
    .where(eq(agents.email, email.toLowerCase()))
    .returning({ id: agents.id });
  return rows[0]?.id ?? null;
}

export async function listAgents(db: Database): Promise<Array<AgentProfile & { email: string; disabled: boolean }>> {
  const rows = await db
    .select({
      id: agents.id,
      displayName: agents.displayName,
      role: agents.role,
      email: agents.email,
      disabled: sql<boolean>`(${agents.disabledAt} is not null)`,
    })
    .from(agents)
    .orderBy(agents.email);
  return rows.map((r) => ({ ...r, disabled: Boolean(r.disabled) }));
}

/** One account as the agents page shows it (no secrets). */
export async function findAgentAccount(
  db: Database,
  id: string,
): Promise<(AgentProfile & { email: string; disabled: boolean }) | null> {
  const [row] = await db
    .select({
      id: agents.id,
      displayName: agents.displayName,
      role: agents.role,
      email: agents.email,
      disabled: sql<boolean>`(${agents.disabledAt} is not null)`,
    })
    .from(agents)
    .where(eq(agents.id, id))
    .limit(1);
  return row ? { ...row, disabled: Boolean(row.disabled) } : null;
}
