import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type AgentRole, agents } from "@/db/schema";

// Agent accounts. Emails are compared lower-cased; disabled accounts keep their row (the audit trail names them).

export type AgentCredentials = { id: string; passwordHash: string; disabled: boolean; sessionEpoch: number };
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
  a: { email: string; displayName: string; passwordHash: string; role: AgentRole },
): Promise<{ id: string }> {
  const rows = await db
    .insert(agents)
    .values({ email: a.email.toLowerCase(), displayName: a.displayName, passwordHash: a.passwordHash, role: a.role })
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
      disabled: sql<boolean>`(${agents.disabledAt} is not null)`,
    })
    .from(agents)
    .where(eq(agents.email, email.toLowerCase()))
    .limit(1);
  return row
    ? { id: row.id, passwordHash: row.passwordHash, sessionEpoch: row.sessionEpoch, disabled: Boolean(row.disabled) }
    : null;
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
