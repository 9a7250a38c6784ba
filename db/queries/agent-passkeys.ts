import "server-only";
import { and, asc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { agentPasskeyChallenges, agentPasskeys, agents, type PasskeyCeremony } from "@/db/schema";

// Agents' passkeys and the WebAuthn challenges that register and use them (lib/agent/passkeys.ts holds the rules).

export type PasskeyRow = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

/** A stored credential with what a sign-in needs to know about its account. */
export type PasskeyCredentialRow = {
  id: string;
  agentId: string;
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string;
  email: string;
  disabled: boolean;
  sessionEpoch: number;
};

/** A new challenge; expired ones are cleared on the way, so the table holds only live ones. */
export async function insertPasskeyChallenge(
  db: Database,
  c: { challenge: string; ceremony: PasskeyCeremony; agentId: string | null; expiresAt: Date },
): Promise<void> {
  await db.delete(agentPasskeyChallenges).where(lt(agentPasskeyChallenges.expiresAt, sql`now()`));
  await db.insert(agentPasskeyChallenges).values(c);
}

/**
 * Uses a challenge up: deletes it if it is live, for this ceremony and (for register/confirm) this agent. One
 * statement, so of two responses racing with the same challenge exactly one gets true.
 */
export async function consumePasskeyChallenge(
  db: Database,
  c: { challenge: string; ceremony: PasskeyCeremony; agentId: string | null },
): Promise<boolean> {
  const rows = await db
    .delete(agentPasskeyChallenges)
    .where(
      and(
        eq(agentPasskeyChallenges.challenge, c.challenge),
        eq(agentPasskeyChallenges.ceremony, c.ceremony),
        c.agentId === null ? isNull(agentPasskeyChallenges.agentId) : eq(agentPasskeyChallenges.agentId, c.agentId),
        gt(agentPasskeyChallenges.expiresAt, sql`now()`),
      ),
    )
    .returning({ challenge: agentPasskeyChallenges.challenge });
  return rows.length === 1;
}

export async function listPasskeys(db: Database, agentId: string): Promise<PasskeyRow[]> {
  return db
    .select({
      id: agentPasskeys.id,
      name: agentPasskeys.name,
      createdAt: agentPasskeys.createdAt,
      lastUsedAt: agentPasskeys.lastUsedAt,
    })
    .from(agentPasskeys)
    .where(eq(agentPasskeys.agentId, agentId))
    .orderBy(asc(agentPasskeys.createdAt))
    .limit(50);
}

/** The credential ids (and transports) of the account's passkeys: excluded at registration, allowed at confirmation. */
export async function listPasskeyCredentialIds(
  db: Database,
  agentId: string,
): Promise<Array<{ credentialId: string; transports: string }>> {
  return db
    .select({ credentialId: agentPasskeys.credentialId, transports: agentPasskeys.transports })
    .from(agentPasskeys)
    .where(eq(agentPasskeys.agentId, agentId))
    .limit(50);
}

export async function findPasskeyCredential(db: Database, credentialId: string): Promise<PasskeyCredentialRow | null> {
  const [row] = await db
    .select({
      id: agentPasskeys.id,
      agentId: agentPasskeys.agentId,
      credentialId: agentPasskeys.credentialId,
      publicKey: agentPasskeys.publicKey,
      counter: agentPasskeys.counter,
      transports: agentPasskeys.transports,
      email: agents.email,
      disabled: sql<boolean>`(${agents.disabledAt} is not null)`,
      sessionEpoch: agents.sessionEpoch,
    })
    .from(agentPasskeys)
    .innerJoin(agents, eq(agents.id, agentPasskeys.agentId))
    .where(eq(agentPasskeys.credentialId, credentialId))
    .limit(1);
  return row ? { ...row, counter: Number(row.counter), disabled: Boolean(row.disabled) } : null;
}

/** Stores a new credential; false when that credential id is already registered (to anyone). */
export async function insertPasskey(
  db: Database,
  p: { agentId: string; credentialId: string; publicKey: string; counter: number; transports: string; name: string },
): Promise<string | null> {
  const rows = await db.insert(agentPasskeys).values(p).onConflictDoNothing().returning({ id: agentPasskeys.id });
  return rows[0]?.id ?? null;
}

/**
 * Records a use: the new counter is accepted only if it moved past the stored one (or both are 0, for
 * authenticators that keep no counter), in one conditional UPDATE, so a replayed or cloned assertion racing a real
 * one cannot both succeed with the same counter. True when this call did.
 */
export async function recordPasskeyUse(
  db: Database,
  id: string,
  oldCounter: number,
  newCounter: number,
): Promise<boolean> {
  const rows = await db
    .update(agentPasskeys)
    .set({ counter: newCounter, lastUsedAt: sql`now()` })
    .where(
      and(
        eq(agentPasskeys.id, id),
        eq(agentPasskeys.counter, oldCounter),
        // A counter that stays at 0 is an authenticator that keeps none; any other must move forward.
        newCounter === 0 && oldCounter === 0 ? undefined : lt(agentPasskeys.counter, newCounter),
      ),
    )
    .returning({ id: agentPasskeys.id });
  return rows.length === 1;
}

/** Removes one of the agent's passkeys (only theirs). Its name when it did. */
export async function deletePasskey(db: Database, agentId: string, id: string): Promise<string | null> {
  const rows = await db
    .delete(agentPasskeys)
    .where(and(eq(agentPasskeys.id, id), eq(agentPasskeys.agentId, agentId)))
    .returning({ name: agentPasskeys.name });
  return rows[0]?.name ?? null;
}

/** Removes every passkey of the account (an approved factor reset). How many there were. */
export async function deleteAgentPasskeys(db: Database, agentId: string): Promise<number> {
  const rows = await db
    .delete(agentPasskeys)
    .where(eq(agentPasskeys.agentId, agentId))
    .returning({ id: agentPasskeys.id });
  return rows.length;
}
