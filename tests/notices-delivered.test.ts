import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareNotices } from "@/lib/notices/prepare";
import { sendDueNotices } from "@/lib/notices/queue";
import { seedBooking } from "./helpers/fixtures";
import { type SmtpReceiver, startSmtpReceiver } from "./helpers/smtp-receiver";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// What actually arrives: prepare + send through the real composer and a real SMTP server on loopback, then each
// received message read back from its MIME source. An English reader, a French reader and a US resident, on both
// databases. (tests/notice-content.test.ts covers every variant of the content itself.)

let t: TestDatabase;
let smtp: SmtpReceiver;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await smtp?.close();
  await t?.destroy();
});

const qp = (s: string) =>
  Buffer.from(
    s.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    "latin1",
  ).toString("utf8");

/** Headers unfolded, and the text/plain part decoded (nodemailer picks quoted-printable or base64 per part). */
function read(raw: string): { subject: string; text: string } {
  const headEnd = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, headEnd).replace(/\r\n[ \t]+/g, " ");
  // RFC 2047 encoded words (Q encoding, as nodemailer writes them); the space between two of them is not text.
  const subject = (/^Subject: (.*)$/im.exec(head)?.[1] ?? "")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, q: string) => qp(q.replace(/_/g, " ")));
  const boundary = /boundary="?([^";\s]+)"?/i.exec(head)?.[1];
  expect(boundary).toBeTruthy();
  const at = raw.search(/Content-Type: text\/plain/i);
  expect(at).toBeGreaterThan(0);
  const part = raw.slice(at);
  const partHeadEnd = part.indexOf("\r\n\r\n");
  const partHead = part.slice(0, partHeadEnd);
  const body = part.slice(partHeadEnd + 4, part.indexOf(`\r\n--${boundary}`, partHeadEnd));
  const encoding = /Content-Transfer-Encoding: ([\w-]+)/i.exec(partHead)?.[1]?.toLowerCase();
  const bytes =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64")
      : Buffer.from(encoding === "quoted-printable" ? qp(body.replace(/=\r\n/g, "")) : body, "utf8");
  return { subject, text: bytes.toString("utf8") };
}

describe("notices as delivered", () => {
  it("arrive once each, in the reader's language first, a US resident's under the US headings", async () => {
    const dob = "1980-01-01";
    await seedBooking(t.db, [
      { givenName: "Ann", familyName: "Elm", dob, email: "ann@c.test" },
      { givenName: "Béatrice", familyName: "Elm", dob, email: "bea@c.test", language: "fr" },
      { givenName: "Sam", familyName: "Elm", dob, email: "sam@c.test", country: "US", region: "WA" },
    ]);
    expect(await prepareNotices(t.db)).toEqual({ email: 3, letter: 0, already: 0 });
    expect(
      await sendDueNotices(t, { smtpUrl: smtp.url, rate: 0, leaseSeconds: 30, concurrency: 2, url: t.url }),
    ).toMatchObject({ sent: 3 });
    expect(smtp.received.map((m) => m.to).sort()).toEqual(["ann@c.test", "bea@c.test", "sam@c.test"]);
    const mail = (to: string) => read(smtp.received.find((m) => m.to === to)!.raw);

    const order = (text: string) =>
      text.indexOf("——— English ———") < text.indexOf("——— Français ———") ? "en-first" : "fr-first";
    const ann = mail("ann@c.test");
    const bea = mail("bea@c.test");
    const sam = mail("sam@c.test");
    for (const m of [ann, bea, sam]) {
      // Both languages, every link under PUBLIC_URL, and the sentences that tell a notice from phishing.
      expect(m.text).toContain("——— English ———");
      expect(m.text).toContain("——— Français ———");
      for (const url of m.text.match(/https?:\/\/[^\s<>")]+/g) ?? []) expect(url).toMatch(/^http:\/\/localhost:3000\//);
      expect(m.text).toMatch(/never ask/i);
      expect(m.text).toContain("24");
    }
    expect(order(ann.text)).toBe("en-first");
    expect(order(bea.text)).toBe("fr-first");
    expect(order(sam.text)).toBe("en-first");
    expect(ann.text).toContain("Privacy Commissioner of Canada");

    expect(sam.subject).toContain("Notice of Data Breach");
    for (const heading of [
      "What Happened",
      "What Information Was Involved",
      "What We Are Doing",
      "What You Can Do",
      "For More Information",
    ]) {
      expect(sam.text).toContain(heading);
    }
    expect(sam.text).toMatch(/security freeze/i);
    expect(sam.text).toMatch(/fraud alert/i);
    // Outside the US the title is the plain one (the headings serve every reader).
    expect(ann.subject).not.toContain("Notice of Data Breach");
  });
});
