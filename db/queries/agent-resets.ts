import "server-only";
import { aliasedTable, and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { agentEnrolments, agentResetRequests, agents, type ResetKind } from "@/db/schema";

// Two-person resets of agent accounts and the enrolment links they lead to (lib/agent/agent-admin.ts holds the
// rules). The two-person rule is also in the table's CHECK constraints, and approval is one conditional UPDATE.

export type ResetRequestRow = {
  id: string;
  targetId: string;
  targetEmail: string;
  targetName: string;
  kind: ResetKind;
  requestedBy: string;
  requestedByName: string;
  requestedAt: Date;
};

/** Starts a reset; false when one of this kind is already open for the account. */
export async function insertResetRequest(
  db: Database,
  r: { targetId: string; kind: ResetKind; requestedBy: string },
): Promise<string | null> {
  const rows = await db
    .insert(agentResetRequests)
    .values(r)
    .onConflictDoNothing()
    .returning({ id: agentResetRequests.id });
  return rows[0]?.id ?? null;
}

const requester = aliasedTable(agents, "requester");

export async function listOpenResetRequests(db: Database): Promise<ResetRequestRow[]> {
  return db
    .select({
      id: agentResetRequests.id,
      targetId: agentResetRequests.targetId,
      targetEmail: agents.email,
      targetName: agents.displayName,
      kind: agentResetRequests.kind,
      requestedBy: agentResetRequests.requestedBy,
      requestedByName: requester.displayName,
      requestedAt: agentResetRequests.requestedAt,
    })
    .from(agentResetRequests)
    .innerJoin(agents, eq(agents.id, agentResetRequests.targetId))
    .innerJoin(requester, eq(requester.id, agentResetRequests.requestedBy))
    .where(isNull(agentResetRequests.approvedAt))
    .orderBy(desc(agentResetRequests.requestedAt))
    .limit(200);
}

/**
 * Approves an open request, only by someone who neither started it nor is its target (one statement: of two
 * approvals racing, one wins). The approved request, or null.
 */
export async function approveResetRequest(
  db: Database,
  requestId: string,
  approverId: string,
): Promise<{ targetId: string; kind: ResetKind } | null> {
  const rows = await db
    .update(agentResetRequests)
    .set({ approvedBy: approverId, approvedAt: sql`now()` })
    .where(
      and(
        eq(agentResetRequests.id, requestId),
        isNull(agentResetRequests.approvedAt),
        ne(agentResetRequests.requestedBy, approverId),
        ne(agentResetRequests.targetId, approverId),
      ),
    )
    .returning({ targetId: agentResetRequests.targetId, kind: agentResetRequests.kind });
  return rows[0] ?? null;
}

export async function insertEnrolment(
  db: Database,
  e: {
    id: string;
    agentId: string;
    tokenHash: string;
    setPassword: boolean;
    setFactor: boolean;
    totpSecret: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await db.insert(agentEnrolments).values(e);
}

export type EnrolmentRow = {
  id: string;
  agentId: string;
  email: string;
  setPassword: boolean;
  setFactor: boolean;
  /** Sealed. */
  totpSecret: string | null;
};

/** An enrolment that is unused, unexpired, and for an account that is not disabled. */
export async function findUsableEnrolment(db: Database, tokenHash: string): Promise<EnrolmentRow | null> {
  const [row] = await db
    .select({
      id: agentEnrolments.id,
      agentId: agentEnrolments.agentId,
      email: agents.email,
      setPassword: agentEnrolments.setPassword,
      setFactor: agentEnrolments.setFactor,
      totpSecret: agentEnrolments.totpSecret,
    })
    .from(agentEnrolments)
    .innerJoin(agents, eq(agents.id, agentEnrolments.agentId))
    .where(
      and(
        eq(agentEnrolments.tokenHash, tokenHash),
        isNull(agentEnrolments.usedAt),
        gt(agentEnrolments.expiresAt, sql`now()`),
        isNull(agents.disabledAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Uses an enrolment up (one statement: a link works once). True when this call did. */
export async function useEnrolment(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .update(agentEnrolments)
    .set({ usedAt: sql`now()` })
    .where(and(eq(agentEnrolments.id, id), isNull(agentEnrolments.usedAt), gt(agentEnrolments.expiresAt, sql`now()`)))
    .returning({ id: agentEnrolments.id });
  return rows.length === 1;
}

/** Earlier links of the account stop working when a new one is issued. */
export async function expireEnrolments(db: Database, agentId: string): Promise<void> {
  await db
    .update(agentEnrolments)
    .set({ usedAt: sql`now()` })
    .where(and(eq(agentEnrolments.agentId, agentId), isNull(agentEnrolments.usedAt)));
}
