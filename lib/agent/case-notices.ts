import "server-only";
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { countLiveRewardsLinksOf, listNoticeHistory, revokeRewardsLinksOf } from "@/db/queries/notice-factors";
import type { AgentSession } from "@/lib/auth/agent";
import { openCase } from "./case";

// The notices part of a case (/agent/case/[id]): the person's notice history (what, which channel, what happened,
// when, how many tries, the last PII-free error; never the address or the content) and revoking their rewards
// link. Both only for the agent's own open, verified case (openCase), like every other case action.

export type NoticeHistoryDto = {
  id: number;
  kind: string;
  channel: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
};

export type CaseNoticesDto = { notices: NoticeHistoryDto[]; liveRewardsLinks: number };

/** The history for the case page; null when the case is not this agent's open one. Read with the case view's audit. */
export async function caseNotices(db: Database, agent: AgentSession, caseId: string): Promise<CaseNoticesDto | null> {
  const c = await openCase(db, agent, caseId);
  if (!c) return null;
  const [rows, liveRewardsLinks] = await Promise.all([
    listNoticeHistory(db, c.personId),
    countLiveRewardsLinksOf(db, c.personId),
  ]);
  return {
    notices: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      channel: r.channel,
      status: r.status,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      attempts: r.attempts,
      lastError: r.lastError,
    })),
    liveRewardsLinks,
  };
}

/**
 * "Revoke rewards link": every link of the caller that could still be used stops working at once (a caller who
 * lost the notice, or fears someone else has it). Audited with the number revoked.
 */
export async function revokeRewardsLinkForCase(
  db: Database,
  agent: AgentSession,
  caseId: string,
  ctx: { requestId?: string } = {},
): Promise<"revoked" | "none" | "not_found"> {
  const c = await openCase(db, agent, caseId);
  if (!c) return "not_found";
  return db.transaction(async (tx) => {
    const n = await revokeRewardsLinksOf(tx, c.personId);
    if (n === 0) return "none" as const;
    await recordAudit(
      tx,
      { type: "agent", agentId: agent.agentId },
      "rewards_link.revoked",
      { personId: c.personId, bookingId: c.bookingId, ref: c.id },
      { requestId: ctx.requestId, detail: String(n) },
    );
    return "revoked" as const;
  });
}
