import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, companionFlags, consoleCases, consoleNotes, mailOutbox, monitoringEnrolments } from "@/db/schema";
import { createAgentAccount } from "@/lib/agent/accounts";
import { checkCallerCode, searchCallers, sendCallerCode } from "@/lib/agent/callers";
import { CASE_IDLE_SECONDS, endCall, viewCase } from "@/lib/agent/case";
import {
  addCallNote,
  enrolByPhone,
  flagForCaller,
  resendForCaller,
  revealActivationCode,
} from "@/lib/agent/case-actions";
import type { AgentSession } from "@/lib/auth/agent";
import { bookingRefIndex } from "@/lib/crypto/blind-index";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { ACTIVATION_CODE_PATTERN } from "@/lib/traveller/activation-code";
import { maskedNameOf } from "@/lib/traveller/initials";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import { dobYearsAgo, familyBooking } from "./helpers/traveller-fixtures";

// Serving a caller from the console, through the real services and database: exact-match search with its limits
// and audit, verification by an emailed code, the case scoped to one agent and one person, and the actions.
// Small limits for this file (read once, when lib/env.ts first parses the environment).
process.env.AGENT_SEARCH_LIMIT = "8";
process.env.AGENT_SEARCH_BURST = "4";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

const IP = "203.0.113.7";

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

const auditOf = (agentId: string) =>
  t.db
    .select({
      action: auditEvents.action,
      personId: auditEvents.personId,
      ref: auditEvents.ref,
      reason: auditEvents.reason,
      detail: auditEvents.detail,
      actorType: auditEvents.actorType,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorType, "agent"), eq(auditEvents.actorId, agentId)))
    .orderBy(auditEvents.id);

async function latestMailTo(address: string) {
  const rows = await t.db
    .select({
      id: mailOutbox.id,
      kind: mailOutbox.kind,
      subject: mailOutbox.subject,
      toEnc: mailOutbox.toEnc,
      bodyEnc: mailOutbox.bodyEnc,
    })
    .from(mailOutbox)
    // Newest last: each code supersedes the one before, so "latest" must mean latest.
    .orderBy(mailOutbox.createdAt);
  const mails = rows
    .map((r) => ({
      kind: r.kind,
      subject: r.subject,
      to: decryptField(r.toEnc, aadFor("mail_outbox", "to", r.id)),
      body: decryptField(r.bodyEnc, aadFor("mail_outbox", "body", r.id)),
    }))
    .filter((m) => m.to === address);
  return mails.at(-1);
}

const codeIn = (body: string) => body.match(/\b\d{10}\b/)?.[0] ?? "";

/** A family booking, its booker found, sent a code and verified by `agent`: the case id. */
async function verifiedCase(agent: AgentSession, b: Awaited<ReturnType<typeof familyBooking>>, who = 0) {
  const search = await searchCallers(t.db, agent, { kind: "booking", value: b.ref });
  if (search.status !== "ok") throw new Error("search refused");
  const sent = await sendCallerCode(t.db, agent, search.results[who]!.handle);
  if (sent.status !== "sent") throw new Error(`code not sent: ${sent.status}`);
  const mail = await latestMailTo(b.passengers[who]!.person.email!);
  expect(await checkCallerCode(t.db, agent, { caseId: sent.caseId, code: codeIn(mail!.body) }, { ip: IP })).toBe(
    "verified",
  );
  return sent.caseId;
}

describe("finding a caller", () => {
  it("matches a booking reference exactly and shows masked names, masked emails, the trip and whether affected", async () => {
    const agent = await newAgent();
    const b = await familyBooking(t.db, [{ givenName: "Marie-Ève" }]);
    const found = await searchCallers(t.db, agent, { kind: "booking", value: ` ${b.ref.toLowerCase()} ` });
    if (found.status !== "ok") throw new Error("refused");
    expect(found.results.map(({ handle: _, ...r }) => r)).toEqual([
      {
        name: "M.-È. Côté",
        email: "z•••@example.org",
        reference: b.ref,
        route: "YYC-YVR",
        flightDate: "2025-05-01",
        role: "booker",
        affected: true,
      },
      {
        name: "S. O'Brien",
        email: "s•••@example.net",
        reference: b.ref,
        route: "YYC-YVR",
        flightDate: "2025-05-01",
        role: "companion",
        affected: true,
      },
      // A minor: initials only, and no email on file.
      {
        name: "A.-M. D.",
        email: null,
        reference: b.ref,
        route: "YYC-YVR",
        flightDate: "2025-05-01",
        role: "companion",
        affected: true,
      },
    ]);
    // Never the date of birth, the full address or a record id in what reaches the page.
    const text = JSON.stringify(found);
    expect(text).not.toContain("1980-03-14");
    expect(text).not.toContain("zoe.cote@example.org");

    // No partial match.
    const partial = await searchCallers(t.db, agent, {
      kind: "booking",
      value: `${b.ref.slice(0, 5)}${b.ref.endsWith("2") ? "3" : "2"}`,
    });
    expect(partial).toEqual({ status: "ok", results: [] });

    // The search is audited by its kind and blind index, never the typed value; each result shown is audited.
    const events = await auditOf(agent.agentId);
    const search = events.find((e) => e.action === "agent.search")!;
    expect(search.detail).toBe(`kind=booking;bidx=${bookingRefIndex(b.ref)};results=3`);
    expect(JSON.stringify(events)).not.toContain(b.ref);
    expect(events.filter((e) => e.action === "agent.search_result_shown").map((e) => e.personId)).toEqual(
      b.passengers.map((p) => p.personId),
    );
  });

  it("matches an email or a rewards ID exactly, whatever the case", async () => {
    const agent = await newAgent();
    const b = await familyBooking(t.db, [{ rewardsId: "AC 123 456 789" }]);
    const byEmail = await searchCallers(t.db, agent, { kind: "email", value: "Sean.OBrien@Example.net" });
    expect(byEmail.status === "ok" && byEmail.results.map((r) => [r.name, r.reference])).toContainEqual([
      "S. O'Brien",
      null,
    ]);
    const byRewards = await searchCallers(t.db, agent, { kind: "rewards", value: "ac123456789" });
    expect(byRewards.status === "ok" && byRewards.results.map((r) => r.name)).toEqual(["Z. Côté"]);
    expect(await searchCallers(t.db, agent, { kind: "email", value: "sean.obrien@example.ne" })).toEqual({
      status: "ok",
      results: [],
    });
    void b;
  });

  it("limits searches per agent, and flags a burst to supervisors once", async () => {
    const agent = await newAgent();
    const other = await newAgent();
    const outcomes = [];
    for (let i = 0; i < 9; i++)
      outcomes.push((await searchCallers(t.db, agent, { kind: "email", value: `x${i}@example.com` })).status);
    expect(outcomes).toEqual(["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "limited"]);
    const events = await auditOf(agent.agentId);
    expect(events.filter((e) => e.action === "agent.search_burst")).toHaveLength(1);
    expect(events.filter((e) => e.action === "agent.search_limited")).toHaveLength(1);
    // Another agent's budget is their own.
    expect((await searchCallers(t.db, other, { kind: "email", value: "y@example.com" })).status).toBe("ok");
  });
});

describe("verifying a caller", () => {
  it("emails a one-time code in the caller's language; the case opens with it once, for that agent only", async () => {
    const agent = await newAgent();
    const intruder = await newAgent();
    const b = await familyBooking(t.db);
    const search = await searchCallers(t.db, agent, { kind: "booking", value: b.ref });
    if (search.status !== "ok") throw new Error("refused");
    // A handle is the agent's own: another agent, or an edited one, sends nothing.
    expect(await sendCallerCode(t.db, intruder, search.results[0]!.handle)).toEqual({ status: "invalid" });
    expect(
      await sendCallerCode(t.db, agent, search.results[0]!.handle.replace(/^\d+/, String(b.passengers[1]!.personId))),
    ).toEqual({ status: "invalid" });
    // The minor has no email: nothing is sent, the agent is told to use the letter's code.
    expect(await sendCallerCode(t.db, agent, search.results[2]!.handle)).toEqual({ status: "no_email" });

    const sent = await sendCallerCode(t.db, agent, search.results[0]!.handle);
    if (sent.status !== "sent") throw new Error("not sent");
    const mail = (await latestMailTo("zoe.cote@example.org"))!;
    expect(mail.kind).toBe("console_code");
    // Zoë reads French: French first; the subject holds no code.
    expect(mail.subject).toMatch(/^.+\u00a0: le code de votre appel avec nous \/ /);
    expect(mail.body.indexOf("Français")).toBeLessThan(mail.body.indexOf("English"));
    const code = codeIn(mail.body);
    expect(code).toMatch(/^\d{10}$/);
    expect(mail.subject).not.toContain(code);
    // Stored only as a hash.
    const [row] = await t.db
      .select({ hash: consoleCases.codeHash })
      .from(consoleCases)
      .where(eq(consoleCases.id, sent.caseId));
    expect(row!.hash).not.toContain(code);

    // Not verified yet: the case shows only the masked name and address; another agent sees nothing at all.
    expect(await viewCase(t.db, agent, sent.caseId)).toEqual({
      status: "unverified",
      id: sent.caseId,
      name: "Z. Côté",
      email: "z•••@example.org",
    });
    expect(await viewCase(t.db, intruder, sent.caseId)).toBeNull();
    expect(await checkCallerCode(t.db, intruder, { caseId: sent.caseId, code }, { ip: IP })).toBe("not_found");
    expect(await checkCallerCode(t.db, agent, { caseId: sent.caseId, code: "0000000000" }, { ip: IP })).toBe("wrong");
    expect(await checkCallerCode(t.db, agent, { caseId: sent.caseId, code }, { ip: IP })).toBe("verified");
    // Single use.
    expect(await checkCallerCode(t.db, agent, { caseId: sent.caseId, code }, { ip: IP })).toBe("wrong");

    const view = await viewCase(t.db, agent, sent.caseId);
    if (view?.status !== "open") throw new Error("not open");
    expect(view.case).toMatchObject({
      name: "Z. Côté",
      email: "z•••@example.org",
      callerLanguage: "fr",
      isBooker: true,
    });
    // The script is in the caller's language.
    expect(view.case.exposures.map((e) => e.category).sort()).toEqual(["contact_info", "full_name", "travel_document"]);
    expect(view.case.exposures.map((e) => e.name)).toContain("Nom complet");
    expect(view.case.exposures.find((e) => e.category === "full_name")!.steps[0]!.title).toBe(
      "Méfiez-vous des messages qui mentionnent cet incident",
    );
    expect(view.case.consentScript).toMatch(/^J’accepte mon inscription à la surveillance d’identité pendant \d+ mois/);
    expect(view.case.companions.map((c) => [c.initials, c.guardian])).toEqual([
      ["S. O.", null],
      ["A. D.", { enrolled: false }],
    ]);
    expect(JSON.stringify(view)).not.toMatch(/1980-03-14|zoe\.cote@|Passport ending/);
    expect(await viewCase(t.db, intruder, sent.caseId)).toBeNull();

    const actions = (await auditOf(agent.agentId)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "console.code_no_email",
        "console.code_sent",
        "console.verify_failed",
        "console.verified",
        "console.case_viewed",
      ]),
    );
    expect((await auditOf(intruder.agentId)).map((e) => [e.action, e.reason])).toContainEqual([
      "console.verify_failed",
      "not_found",
    ]);
  });

  it("takes only the newest code: a new one supersedes the last", async () => {
    const agent = await newAgent();
    const b = await familyBooking(t.db);
    const search = await searchCallers(t.db, agent, { kind: "booking", value: b.ref });
    if (search.status !== "ok") throw new Error("refused");
    const first = await sendCallerCode(t.db, agent, search.results[0]!.handle);
    const firstCode = codeIn((await latestMailTo("zoe.cote@example.org"))!.body);
    const second = await sendCallerCode(t.db, agent, search.results[0]!.handle);
    if (first.status !== "sent" || second.status !== "sent") throw new Error("not sent");
    expect(await checkCallerCode(t.db, agent, { caseId: first.caseId, code: firstCode }, { ip: IP })).toBe("wrong");
    const secondCode = codeIn((await latestMailTo("zoe.cote@example.org"))!.body);
    expect(await checkCallerCode(t.db, agent, { caseId: second.caseId, code: secondCode }, { ip: IP })).toBe(
      "verified",
    );
  });

  it("refuses a code after too many tries, even the right one", async () => {
    const agent = await newAgent();
    const b = await familyBooking(t.db);
    const search = await searchCallers(t.db, agent, { kind: "booking", value: b.ref });
    if (search.status !== "ok") throw new Error("refused");
    const sent = await sendCallerCode(t.db, agent, search.results[1]!.handle);
    if (sent.status !== "sent") throw new Error("not sent");
    const code = codeIn((await latestMailTo("sean.obrien@example.net"))!.body);
    for (let i = 0; i < 5; i++)
      await checkCallerCode(t.db, agent, { caseId: sent.caseId, code: "1111111111" }, { ip: IP });
    expect(await checkCallerCode(t.db, agent, { caseId: sent.caseId, code }, { ip: IP })).toBe("wrong");
    expect((await viewCase(t.db, agent, sent.caseId))?.status).toBe("unverified");
  });
});

describe("a case", () => {
  it("enrols by phone, enrols a minor for the booker, flags a companion, resends, notes and reveals with a reason", async () => {
    const agent = await newAgent();
    const b = await familyBooking(t.db);
    const caseId = await verifiedCase(agent, b);

    const enrolled = await enrolByPhone(t.db, agent, { caseId, subject: "self" });
    expect(enrolled.status).toBe("enrolled");
    const [row] = await t.db
      .select({ channel: monitoringEnrolments.channel, agent: monitoringEnrolments.enrolledByAgentId })
      .from(monitoringEnrolments)
      .where(eq(monitoringEnrolments.personId, b.passengers[0]!.personId));
    expect(row).toEqual({ channel: "phone", agent: agent.agentId });
    // The minor is the booker's second companion; the first is an adult, not the booker's to enrol.
    expect((await enrolByPhone(t.db, agent, { caseId, subject: 2 })).status).toBe("enrolled");
    expect((await enrolByPhone(t.db, agent, { caseId, subject: 1 })).status).toBe("forbidden");

    expect(await flagForCaller(t.db, agent, { caseId, companion: 1 })).toMatchObject({
      status: "flagged",
      initials: "S. O.",
    });
    const flags = await t.db
      .select({ by: companionFlags.flaggedByPersonId })
      .from(companionFlags)
      .where(eq(companionFlags.bookingId, b.bookingId));
    expect(flags).toEqual([{ by: b.passengers[0]!.personId }]);

    expect(await resendForCaller(t.db, agent, { caseId, subject: "self" })).toBe("sent");

    const note = "Caller asked about compensation; explained the monitoring offer.";
    expect(await addCallNote(t.db, agent, { caseId, note })).toBe("added");
    const [stored] = await t.db
      .select({ enc: consoleNotes.noteEnc })
      .from(consoleNotes)
      .where(eq(consoleNotes.caseId, caseId));
    expect(stored!.enc).not.toContain("compensation");
    const view = await viewCase(t.db, agent, caseId);
    if (view?.status !== "open") throw new Error("not open");
    expect(view.case.notes.map((n) => n.text)).toEqual([note]);
    expect(view.case.monitoring.enrolment).not.toBeNull();
    expect(JSON.stringify(view)).not.toMatch(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
    expect(view.case.companions.map((c) => c.flagged)).toEqual([true, false]);

    const shown = await revealActivationCode(t.db, agent, { caseId, subject: "self", reason: "email_not_received" });
    expect(shown.status === "shown" && shown.code).toMatch(ACTIVATION_CODE_PATTERN);
    const events = await auditOf(agent.agentId);
    expect(events.find((e) => e.action === "console.activation_code_revealed")).toMatchObject({
      personId: b.passengers[0]!.personId,
      reason: "email_not_received",
      ref: caseId,
    });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "monitoring.enrolled",
        "monitoring.enrolled_by_guardian",
        "companion.flagged",
        "monitoring.email_resent",
        "console.note_added",
      ]),
    );
  });

  it("is closed to other agents, and closes when the call ends or after 30 minutes idle", async () => {
    const agent = await newAgent();
    const other = await newAgent();
    const b = await familyBooking(t.db);
    const caseId = await verifiedCase(agent, b);
    expect(await enrolByPhone(t.db, other, { caseId, subject: "self" })).toEqual({ status: "not_found" });
    expect(await addCallNote(t.db, other, { caseId, note: "x" })).toBe("not_found");
    expect(await revealActivationCode(t.db, other, { caseId, subject: "self", reason: "email_lost" })).toEqual({
      status: "not_found",
    });
    expect(await endCall(t.db, other, caseId)).toBe(false);

    const later = new Date(Date.now() + (CASE_IDLE_SECONDS + 60) * 1000);
    expect(await viewCase(t.db, agent, caseId, {}, later)).toEqual({ status: "closed" });
    expect(await addCallNote(t.db, agent, { caseId, note: "too late" })).toBe("not_found");

    const second = await verifiedCase(agent, b);
    expect(await endCall(t.db, agent, second)).toBe(true);
    expect(await viewCase(t.db, agent, second)).toEqual({ status: "closed" });
    const reasons = (await auditOf(agent.agentId))
      .filter((e) => e.action === "console.case_closed")
      .map((e) => e.reason);
    expect(reasons).toEqual(["idle", "ended"]);
  });
});

describe("masked names", () => {
  it("keep initials with hyphens and the family name as typed, or initials only", () => {
    expect(maskedNameOf("Marie-Ève", "Côté")).toBe("M.-È. Côté");
    expect(maskedNameOf("Jean Paul", "de la Fontaine")).toBe("J. P. de la Fontaine");
    expect(maskedNameOf("Marie-Ève", "Côté", true)).toBe("M.-È. C.");
    void dobYearsAgo;
  });
});
