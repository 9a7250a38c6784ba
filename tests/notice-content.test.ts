import { describe, expect, it } from "vitest";
import type { CategoryCode } from "@/lib/catalogue/categories";
import { buildNotice, type NoticeInput } from "@/lib/notices/content/document";
import { renderNoticeHtml, renderNoticeHtmlDirect } from "@/lib/notices/content/render-html";
import { renderNoticeText } from "@/lib/notices/content/render-text";

// What a notice says, for each kind and reader: the regulators' elements, the reader's own categories and what
// was not involved, the monitoring offer, the anti-phishing sentences, every link under PUBLIC_URL; in text and
// HTML, in the reader's language first (French first in Québec).

const PUBLIC_URL = "http://localhost:3000"; // lib/env.ts default under APP_ENV=test
const incident = {
  organisation: "WestJet",
  titleEn: "June 2025 cybersecurity incident",
  titleFr: "Incident de cybersécurité de juin 2025",
  summaryEn: "Someone outside the company got into some of our systems.",
  summaryFr: "Une personne externe à l’entreprise a accédé à certains de nos systèmes.",
  detectedOn: "2025-06-13",
  exposureFrom: "2025-06-11",
  exposureTo: "2025-06-13",
  notExposed: ["payment_card_number", "account_password"],
  monitoringTermMonths: 24,
  enrolBy: "2027-09-30",
  supportPhone: "+1-888-555-0100",
  stepsTakenEn: "We secured the affected systems.",
  stepsTakenFr: "Nous avons sécurisé les systèmes touchés.",
  privacyEmail: "privacy@example.com",
  privacyPhone: "+1-888-555-0101",
  privacyAddress: "Privacy Office, 22 Aerodrome Rd, Calgary AB T2E 0A1",
};
const input = (over: Partial<NoticeInput> = {}): NoticeInput => ({
  kind: "initial",
  language: "en",
  country: "CA",
  region: "ON",
  name: "Siobhan O'Brien",
  categories: ["full_name", "travel_document"] as CategoryCode[],
  sharedBooking: false,
  incident,
  publicUrl: PUBLIC_URL,
  ...over,
});
const render = async (n: NoticeInput) => {
  const doc = buildNotice(n);
  return { doc, text: renderNoticeText(doc), html: await renderNoticeHtml(doc) };
};
const halves = (text: string) => {
  const en = text.indexOf("——— English ———");
  const fr = text.indexOf("——— Français ———");
  expect(en).toBeGreaterThanOrEqual(0);
  expect(fr).toBeGreaterThanOrEqual(0);
  return {
    first: en < fr ? "en" : "fr",
    en: en < fr ? text.slice(en, fr) : text.slice(en),
    fr: fr < en ? text.slice(fr, en) : text.slice(fr),
  };
};
/** Every web address in the text and every href in the HTML. */
const linksIn = (text: string, html: string) => [
  ...(text.match(/https?:\/\/[^\s<>"]+/g) ?? []),
  ...[...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!),
];

describe("the initial notice", () => {
  it("in English: the regulators' elements, the reader's categories, what was not involved, monitoring, safety", async () => {
    const { doc, text, html } = await render(input({ sharedBooking: true, rewardsUrl: `${PUBLIC_URL}/rewards/abc` }));
    const { first, en, fr } = halves(text);
    expect(first).toBe("en");
    expect(doc.subject).toBe(
      "WestJet: important notice about your personal information / WestJet\u00a0: avis important concernant vos renseignements personnels",
    );
    for (const s of [
      "Dear Siobhan O'Brien,",
      "What Happened",
      "Someone outside the company got into some of our systems.",
      "It happened between June 11, 2025 and June 13, 2025. We detected it on June 13, 2025.",
      "  - Full name",
      "  - Travel document (passport or government ID)",
      "  - Payment card numbers",
      "  - Account passwords",
      "We secured the affected systems.",
      "free identity monitoring for 24 months from enrolment. Enrol by September 30, 2027",
      "Call us toll-free at 1-888-555-0100.",
      "privacy@example.com, 1-888-555-0101, Privacy Office, 22 Aerodrome Rd, Calgary AB T2E 0A1",
      "the Office of the Privacy Commissioner of Canada",
      "we will never ask you for a password, a card number or a code by phone",
      "you can type the address localhost:3000 into your browser yourself",
      "You travelled on a booking with other people.",
      `${PUBLIC_URL}/verify`,
      `${PUBLIC_URL}/rewards/abc`,
      "fraud alert",
    ])
      expect(en).toContain(s);
    expect(en).not.toContain("Notice of Data Breach");
    expect(en).not.toContain("Commission d’accès");
    expect(en).not.toContain("Date of birth"); // not one of hers
    for (const s of [
      "Renseignements en cause",
      "  - Nom complet",
      "24 mois à compter de l’inscription",
      "30 septembre 2027",
    ])
      expect(fr).toContain(s);
    for (const l of linksIn(text, html)) expect(l.startsWith(`${PUBLIC_URL}/`)).toBe(true);
    expect(html).toContain('lang="en"');
    expect(html).toContain('<div lang="fr">');
    expect(html).toContain(`<a href="${PUBLIC_URL}/verify"`);
    expect(html).toContain("Travel document (passport or government ID)");
  });

  it("in French for a French speaker outside Québec: French first, the federal commissioner", async () => {
    const { text } = await render(input({ language: "fr", region: "NB" }));
    const { first, fr } = halves(text);
    expect(first).toBe("fr");
    expect(fr).toContain("Ce qui s’est passé");
    expect(fr).toContain("Commissariat à la protection de la vie privée du Canada");
    expect(fr).toContain(
      "nous ne vous demanderons jamais de mot de passe, de numéro de carte ni de code par téléphone",
    );
    expect(fr).not.toContain("Commission d’accès");
  });

  it("for a Québec resident: French first even when they chose English, the Commission d'accès à l'information", async () => {
    const { text, doc } = await render(input({ language: "en", region: "QC" }));
    const { first, fr, en } = halves(text);
    expect(first).toBe("fr");
    expect(doc.subject.startsWith("WestJet\u00a0: avis important")).toBe(true);
    expect(fr).toContain("Commission d’accès à l’information du Québec");
    expect(en).toContain("Commission d’accès à l’information du Québec");
    expect(en).not.toContain("Privacy Commissioner of Canada");
  });

  it("for a US resident: the title, the five headings, security freeze and fraud alert", async () => {
    const { text, html, doc } = await render(input({ country: "US", region: "CA" }));
    const { en } = halves(text);
    expect(doc.subject).toContain("WestJet: Notice of Data Breach");
    const order = [
      "Notice of Data Breach",
      "What Happened",
      "What Information Was Involved",
      "What We Are Doing",
      "What You Can Do",
      "For More Information",
    ].map((h) => en.indexOf(`\n${h}\n`));
    for (const [i, at] of order.entries()) {
      expect(at).toBeGreaterThanOrEqual(0);
      if (i) expect(at).toBeGreaterThan(order[i - 1]!);
    }
    expect(en).toContain("Security freeze: you have the right to place a security freeze");
    expect(en).toContain("Fraud alert: you can place a free one-year fraud alert");
    expect(en).toContain("Equifax (1-800-685-1111), Experian (1-888-397-3742) and TransUnion (1-888-909-8872)");
    expect(html).toContain("<h1");
    expect(html).toContain("Notice of Data Breach");
    expect(html).toContain("What Information Was Involved");
  });
});

describe("the other kinds", () => {
  it("companion_contact carries no personal data at all", async () => {
    const { text, html, doc } = await render(
      input({
        kind: "companion_contact",
        name: "Siobhan O'Brien",
        categories: ["travel_document"],
        sharedBooking: true,
      }),
    );
    for (const part of [text, html, doc.subject]) {
      expect(part).not.toContain("Siobhan");
      expect(part).not.toContain("O'Brien");
      expect(part).not.toContain("O&#39;Brien");
      expect(part).not.toContain("Travel document");
    }
    expect(text).toContain(
      "A person on your booking with WestJet asked us to contact you about the June 2025 cybersecurity incident.",
    );
    expect(text).toContain("Hello,");
    expect(text).toContain("never ask you for a password, a card number or a code by phone");
    for (const l of linksIn(text, html)) expect(l.startsWith(`${PUBLIC_URL}/`)).toBe(true);
  });

  it("a companion gets the full notice, saying who asked", async () => {
    const { text } = await render(input({ kind: "companion" }));
    expect(text).toContain("A person on your booking asked us to make sure this notice reaches you.");
    expect(text).toContain("What Information Was Involved");
  });

  it("a reminder names the enrol-by date and the term from enrolment", async () => {
    const { text, doc } = await render(input({ kind: "reminder_7", language: "fr", region: "QC" }));
    expect(doc.subject).toContain("rappel");
    const { fr, en } = halves(text);
    expect(fr).toContain("d’ici le 30 septembre 2027");
    expect(en).toContain("Monitoring lasts 24 months from enrolment");
    expect(en).toContain(`${PUBLIC_URL}/verify`);
  });

  it("escapes what it shows in HTML", async () => {
    const { html } = await render(input({ name: "<b>x</b> & co" }));
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt; &amp; co");
    expect(html).not.toContain("<b>x</b>");
  });

  it("the HTML of a cached shape is exactly what MJML makes of the message itself", async () => {
    const a = buildNotice(input({ name: "Ann NOTICEVALUE1X Lee", sharedBooking: true }));
    const b = buildNotice(input({ name: "Bé <Côté>", categories: ["date_of_birth"], sharedBooking: true }));
    await renderNoticeHtml(a); // compiles the shape
    expect(await renderNoticeHtml(b)).toBe(await renderNoticeHtmlDirect(b));
    expect(await renderNoticeHtml(a)).toBe(await renderNoticeHtmlDirect(a));
    expect(await renderNoticeHtml(a)).toContain("Ann NOTICEVALUE1X Lee");
  });
});
