import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, mailOutbox, notices } from "@/db/schema";
import { createAgentAccount } from "@/lib/agent/accounts";
import { checkCallerCode, searchCallers, sendCallerCode } from "@/lib/agent/callers";
import { caseNotices, revokeRewardsLinkForCase } from "@/lib/agent/case-notices";
import type { AgentSession } from "@/lib/auth/agent";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { issueRewardsLink, rewardsLinkState } from "@/lib/rewards/link";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import { familyBooking } from "./helpers/traveller-fixtures";

// The notices part of the console's case view (lib/agent/case-notices.ts): the caller's notice history without
// addresses or content, an empty history, and revoking the caller's rewards link, only on the agent's own case.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

async function newAgent(): Promise<AgentSession> {
  const { id } = await createAgentAccount(
    t.db,
    {
      email: `agent.${randomUUID().slice(0, 8)}@airline.example`,
      displayName: "Dana Agent",
      password: "a password nobody uses here",
      role: "agent",
    },
    { type: "cli" },
  );
  return { agentId: id, displayName: "Dana Agent", role: "agent" };
}

async function verifiedCase(agent: AgentSession) {
  const b = await familyBooking(t.db);
  const search = await searchCallers(t.db, agent, { kind: "booking", value: b.ref });
  if (search.status !== "ok") throw new Error("search refused");
  const sent = await sendCallerCode(t.db, agent, search.results[0]!.handle);
  if (sent.status !== "sent") throw new Error(`code not sent: ${sent.status}`);
  const email = b.passengers[0]!.person.email!;
  const mails = (await t.db.select().from(mailOutbox).orderBy(mailOutbox.createdAt)).filter(
    (m) => decryptField(m.toEnc, aadFor("mail_outbox", "to", m.id)) === email,
  );
  const body = decryptField(mails.at(-1)!.bodyEnc, aadFor("mail_outbox", "body", mails.at(-1)!.id));
  const code = body.match(/\b\d{10}\b/)?.[0] ?? "";
  expect(await checkCallerCode(t.db, agent, { caseId: sent.caseId, code }, { ip: "203.0.113.9" })).toBe("verified");
  return { caseId: sent.caseId, personId: b.passengers[0]!.personId };
}

describe("case notices", () => {
  it("shows an empty history, then each notice newest first, without address or content", async () => {
    const agent = await newAgent();
    const { caseId, personId } = await verifiedCase(agent);
    expect(await caseNotices(t.db, agent, caseId)).toEqual({ notices: [], liveRewardsLinks: 0 });
    await t.db
      .insert(notices)
      .values([
        { personId, kind: "initial", channel: "email", status: "undeliverable", attempts: 2, lastError: "550 5.1.1" },
      ]);
    await t.db.insert(notices).values([{ personId, kind: "initial", channel: "letter", status: "queued" }]);
    const n = await caseNotices(t.db, agent, caseId);
    expect(
      n?.notices.map(({ kind, channel, status, attempts, lastError }) => ({
        kind,
        channel,
        status,
        attempts,
        lastError,
      })),
    ).toEqual([
      { kind: "initial", channel: "letter", status: "queued", attempts: 0, lastError: null },
      { kind: "initial", channel: "email", status: "undeliverable", attempts: 2, lastError: "550 5.1.1" },
    ]);
  });

  it("revokes the caller's rewards link, audited; another agent's case gets nothing", async () => {
    const agent = await newAgent();
    const other = await newAgent();
    const { caseId, personId } = await verifiedCase(agent);
    const token = await issueRewardsLink(t.db, personId);
    expect((await caseNotices(t.db, agent, caseId))?.liveRewardsLinks).toBe(1);
    expect(await caseNotices(t.db, other, caseId)).toBeNull();
    expect(await revokeRewardsLinkForCase(t.db, other, caseId)).toBe("not_found");
    expect(await rewardsLinkState(t.db, token)).toBe("open");

    expect(await revokeRewardsLinkForCase(t.db, agent, caseId)).toBe("revoked");
    expect(await rewardsLinkState(t.db, token)).toBe("gone");
    expect(await revokeRewardsLinkForCase(t.db, agent, caseId)).toBe("none");
    const events = await t.db
      .select({ action: auditEvents.action, personId: auditEvents.personId, ref: auditEvents.ref })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, agent.agentId), eq(auditEvents.action, "rewards_link.revoked")));
    expect(events).toEqual([{ action: "rewards_link.revoked", personId, ref: caseId }]);
  });
});
