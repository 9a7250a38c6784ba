import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { readMailBacklog } from "@/db/queries/mail-queue";
import { mailOutbox } from "@/db/schema";
import { deliverQueuedMail, MAX_REFUSALS, retryDelaySeconds } from "@/lib/mail/deliver";
import { readDevOutbox } from "@/lib/mail/outbox";
import { enqueueMail } from "@/lib/mail/queue";
import { verificationCodeMail } from "@/lib/mail/templates";
import { type Envelope, mailSender, type Sender, smtpSender } from "@/lib/mail/transport";
import { seedIncident } from "./helpers/fixtures";
import { startSmtpSink } from "./helpers/smtp-sink";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

let t: TestDatabase;
let wide: DatabaseHandle | undefined;
beforeAll(async () => {
  t = await createTestDatabase();
  if (t.url) wide = await openDatabase({ url: t.url, max: 10 });
});
afterAll(async () => {
  await wide?.close();
  await t?.destroy();
});

/** One part of a MIME message (or the whole body when not multipart), decoded from base64 or quoted-printable. */
function mimePart(data: string, type: string): string {
  const [, head = "", rest = ""] = /^([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(data) ?? [];
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
  if (boundary) {
    for (const part of rest.split(`--${boundary}`)) {
      if (new RegExp(`^\\s*Content-Type: ${type}`, "im").test(part)) return mimePart(part.replace(/^\r\n/, ""), type);
    }
    throw new Error(`no ${type} part`);
  }
  const body = rest.replace(/\r\n$/, "");
  if (/Content-Transfer-Encoding: base64/i.test(head))
    return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head))
    return Buffer.from(
      body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    ).toString("utf8");
  return body;
}

const row = async (id: string) => (await t.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0]!;
/** Empties the queue of earlier tests' messages so each test sees only its own. */
const drain = async () => {
  await t.db.update(mailOutbox).set({ status: "sent" }).where(eq(mailOutbox.status, "queued"));
};

describe("mail queue delivery", () => {
  it("without SMTP_URL outside production, delivers to the development outbox, readable newest first", async () => {
    await drain();
    expect((await mailSender()).kind).toBe("dev-outbox");
    const first = await enqueueMail(t.db, {
      kind: "verification_code",
      to: "first@example.org",
      subject: "Hello",
      text: "Your code is 111111.",
    });
    await new Promise((r) => setTimeout(r, 20));
    const second = await enqueueMail(t.db, {
      kind: "verification_code",
      to: "second@example.org",
      subject: "Hello",
      text: "Your code is 222222.",
    });
    const stored = await row(first.id);
    expect(stored.toEnc).not.toContain("first@example.org");
    expect(stored.bodyEnc).not.toContain("111111");

    expect(await deliverQueuedMail(t.db)).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect((await row(first.id)).status).toBe("sent");
    expect((await row(first.id)).sentAt).not.toBeNull();
    const outbox = await readDevOutbox(t.db);
    expect(outbox[0]).toMatchObject({
      id: second.id,
      to: "second@example.org",
      text: "Your code is 222222.",
      status: "sent",
    });
    expect(outbox[1]).toMatchObject({ id: first.id, to: "first@example.org" });
    // Delivered messages are not delivered again.
    expect(await deliverQueuedMail(t.db)).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it("real SMTP delivery wipes the recipient and body once sent", async () => {
    await drain();
    const got: Envelope[] = [];
    const smtp: Sender = { kind: "smtp", send: async (m) => void got.push(m) };
    const { id } = await enqueueMail(t.db, {
      kind: "verification_code",
      to: "wipe@example.org",
      subject: "S",
      text: "Code 333333",
    });
    await deliverQueuedMail(t.db, { sender: smtp });
    expect(got).toEqual([expect.objectContaining({ id, to: "wipe@example.org", subject: "S", text: "Code 333333" })]);
    const r = await row(id);
    expect(r.status).toBe("sent");
    expect(r.toEnc).toBe("");
    expect(r.bodyEnc).toBe("");
  });

  it("goes over SMTP through nodemailer: the server gets the sender, the recipient and the UTF-8 text", async () => {
    await drain();
    const sink = await startSmtpSink();
    try {
      const sender = await smtpSender(sink.url, "Incident Response <no-reply@example.com>");
      const text = "Bonjour Émilie, votre code est 123456.";
      const { id } = await enqueueMail(t.db, {
        kind: "verification_code",
        to: "emilie@example.org",
        subject: "Votre code",
        text,
      });
      expect(await deliverQueuedMail(t.db, { sender })).toEqual({ sent: 1, retried: 0, failed: 0 });
      expect(sink.received).toHaveLength(1);
      const [mail] = sink.received;
      expect(mail!.from).toBe("no-reply@example.com");
      expect(mail!.to).toEqual(["emilie@example.org"]);
      expect(mail!.data).toMatch(/^Subject: Votre code\r$/m);
      expect(mail!.data).toMatch(/^To: emilie@example\.org\r$/m);
      // One Message-ID per outbox row, so a message that did go out twice is recognisable as one.
      expect(mail!.messageId).toBe(`<outbox-${id}@example.com>`);
      expect(mail!.data).toMatch(/^From: Incident Response <no-reply@example\.com>\r$/m);
      const decoded = mimePart(mail!.data, "text/plain");
      expect(decoded.trim()).toBe(text);
      // Delivered over real SMTP: the stored copy is wiped.
      expect((await row(id)).toEnc).toBe("");
    } finally {
      await sink.close();
    }
  });

  it("an SMTP server that is down leaves the message queued for a retry", async () => {
    await drain();
    const sink = await startSmtpSink();
    const url = sink.url;
    await sink.close();
    const sender = await smtpSender(url, "no-reply@example.com");
    const { id } = await enqueueMail(t.db, {
      kind: "verification_code",
      to: "down@example.org",
      subject: "S",
      text: "Code 555555",
    });
    expect(await deliverQueuedMail(t.db, { sender })).toEqual({ sent: 0, retried: 1, failed: 0 });
    const r = await row(id);
    expect(r.status).toBe("queued");
    expect(r.lastError).not.toContain("down@");
  });

  it("a server that refuses a message outright (5xx) retries it later, then gives up after the maximum", async () => {
    await drain();
    const failing: Sender = {
      kind: "smtp",
      send: async (m) => {
        const err = new Error(`550 mailbox ${m.to} unavailable`) as Error & { code: string; responseCode: number };
        err.code = "EENVELOPE";
        err.responseCode = 550;
        throw err;
      },
    };
    const { id } = await enqueueMail(t.db, {
      kind: "verification_code",
      to: "bounce@example.org",
      subject: "S",
      text: "Code 444444",
    });
    expect(await deliverQueuedMail(t.db, { sender: failing })).toEqual({ sent: 0, retried: 1, failed: 0 });
    let r = await row(id);
    expect(r.status).toBe("queued");
    expect(r.attempts).toBe(1);
    expect(r.lastError).toBe("Error EENVELOPE 550");
    expect(r.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    // Not picked up again before its retry time.
    expect(await deliverQueuedMail(t.db, { sender: failing })).toEqual({ sent: 0, retried: 0, failed: 0 });
    for (let i = 2; i <= MAX_REFUSALS; i++) {
      await t.db.update(mailOutbox).set({ lockedUntil: null }).where(eq(mailOutbox.id, id));
      await deliverQueuedMail(t.db, { sender: failing });
    }
    r = await row(id);
    expect(r.status).toBe("failed");
    expect(r.attempts).toBe(MAX_REFUSALS);
    expect(r.lastError).not.toContain("bounce");
    expect(r.toEnc).toBe("");
  });

  it("keeps a message through a long SMTP outage with capped back-off, and sends it when the server returns", async () => {
    await drain();
    const down = await startSmtpSink();
    const url = down.url;
    await down.close();
    const sender = await smtpSender(url, "no-reply@example.com");
    const { id } = await enqueueMail(t.db, {
      kind: "monitoring_enrolled",
      to: "outage@example.org",
      subject: "S",
      text: "Activation ABC",
    });
    // Twelve failed attempts (the old policy gave up, body wiped, after five): still queued, body kept, and the
    // next try never further off than the cap.
    for (let i = 1; i <= 12; i++) {
      await t.db.update(mailOutbox).set({ lockedUntil: null }).where(eq(mailOutbox.id, id));
      expect(await deliverQueuedMail(t.db, { sender, ids: [id] })).toEqual({ sent: 0, retried: 1, failed: 0 });
    }
    const r = await row(id);
    expect(r).toMatchObject({ status: "queued", attempts: 12 });
    expect(r.bodyEnc).not.toBe("");
    expect(retryDelaySeconds("monitoring_enrolled", 12)).toBe(900);
    expect(r.lockedUntil!.getTime() - Date.now()).toBeLessThanOrEqual(900_000);
    expect(retryDelaySeconds("verification_code", 12)).toBe(60);

    // The server is back (on the same port the message was failing against is not needed: any reachable server).
    const sink = await startSmtpSink();
    try {
      await t.db.update(mailOutbox).set({ lockedUntil: null }).where(eq(mailOutbox.id, id));
      const back = await smtpSender(sink.url, "no-reply@example.com");
      expect(await deliverQueuedMail(t.db, { sender: back, ids: [id] })).toEqual({ sent: 1, retried: 0, failed: 0 });
      expect(sink.received.map((m) => m.to)).toEqual([["outage@example.org"]]);
    } finally {
      await sink.close();
    }
  });

  it("gives a message up only once it is no longer useful: a code after its challenge, anything else after days", async () => {
    await drain();
    const failing: Sender = {
      kind: "smtp",
      send: async () => {
        throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      },
    };
    const code = await enqueueMail(t.db, { kind: "verification_code", to: "c@example.org", subject: "S", text: "1" });
    const confirm = await enqueueMail(t.db, {
      kind: "monitoring_enrolled",
      to: "m@example.org",
      subject: "S",
      text: "2",
    });
    // Both were queued 11 minutes ago: past a code's 10-minute challenge, well within a confirmation's days.
    await t.db
      .update(mailOutbox)
      .set({ createdAt: sql`now() - interval '11 minutes'` })
      .where(inArray(mailOutbox.id, [code.id, confirm.id]));
    expect(await deliverQueuedMail(t.db, { sender: failing, ids: [code.id, confirm.id] })).toEqual({
      sent: 0,
      retried: 1,
      failed: 1,
    });
    expect(await row(code.id)).toMatchObject({ status: "failed", lastError: "expired", toEnc: "", bodyEnc: "" });
    expect((await row(confirm.id)).status).toBe("queued");
    // The failure is visible: counted on /api/health (below) next to the backlog.
    const backlog = await readMailBacklog(t.db);
    expect(backlog).toMatchObject({ queued: 1, retrying: 1 });
    expect(backlog.failedLastWeek).toBeGreaterThanOrEqual(1);
    expect(backlog.oldestQueuedSeconds).toBeGreaterThanOrEqual(600);
  });

  it("/api/health keeps 200 for a live database and reports the mail backlog, with no personal data", async () => {
    const handle = globalThis as unknown as { __portalDb?: Promise<DatabaseHandle> };
    const before = handle.__portalDb;
    handle.__portalDb = Promise.resolve(t);
    try {
      const res = await GET();
      expect(res.status).toBe(200);
      const body = (await res.json()) as { status: string; mail: Record<string, number> };
      expect(body.status).toBe("ok");
      expect(body.mail).toEqual(await readMailBacklog(t.db));
      expect(JSON.stringify(body)).not.toContain("@");
    } finally {
      handle.__portalDb = before;
    }
  });

  it("several workers draining at once send each message exactly once", async () => {
    await drain();
    const ids = new Set<string>();
    for (let i = 0; i < 30; i++)
      ids.add((await enqueueMail(t.db, { kind: "test", to: `w${i}@example.org`, subject: "S", text: "T" })).id);
    const sent: string[] = [];
    const sender: Sender = {
      kind: "dev-outbox",
      send: async (m) => {
        await new Promise((r) => setTimeout(r, 5));
        sent.push(m.to);
      },
    };
    const db = (wide ?? t).db;
    const reports = await Promise.all(Array.from({ length: 4 }, () => deliverQueuedMail(db, { sender, limit: 10 })));
    const again = await deliverQueuedMail(db, { sender, limit: 100 });
    expect(reports.reduce((n, r) => n + r.sent, 0) + again.sent).toBe(30);
    expect(new Set(sent).size).toBe(30);
    expect(sent).toHaveLength(30);
  });

  // Last in this file: it imports an incident, which names the sender of every later message.
  it("sends as the organisation with MAIL_FROM's address, with an HTML part whose halves carry their language", async () => {
    await drain();
    await seedIncident(t.db, { organisation: "Test Air, Inc." });
    const sink = await startSmtpSink();
    try {
      const sender = await smtpSender(sink.url, "Incident Response <no-reply@example.com>");
      const { text } = verificationCodeMail("fr", {
        organisation: "Test Air, Inc.",
        givenName: "Émilie",
        code: "0123456789",
        requestedAt: new Date("2026-12-02T19:05:00Z"),
        supportPhone: "+1-888-555-0100",
      });
      await enqueueMail(t.db, { kind: "verification_code", to: "emilie@example.org", subject: "Votre code", text });
      expect(await deliverQueuedMail(t.db, { sender })).toEqual({ sent: 1, retried: 0, failed: 0 });
      const [mail] = sink.received;
      expect(mail!.from).toBe("no-reply@example.com");
      // The name quoted (it has a comma), the address MAIL_FROM's.
      expect(mail!.data).toMatch(/^From: "Test Air, Inc\." <no-reply@example\.com>\r$/m);
      expect(mimePart(mail!.data, "text/plain").replace(/\r\n/g, "\n").trim()).toBe(text.trim());
      const html = mimePart(mail!.data, "text/html");
      expect(html).toContain('<html lang="fr">');
      expect(html.indexOf('<div lang="fr">')).toBeLessThan(html.indexOf('<div lang="en">'));
      expect(html).toContain(">0123456789</p>");
    } finally {
      await sink.close();
    }
  });
});
