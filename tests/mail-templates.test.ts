import { describe, expect, it } from "vitest";
import { renderMailHtml } from "@/lib/mail/html";
import { monitoringConfirmationMail, verificationCodeMail } from "@/lib/mail/templates";

// What every email says, in both languages: whose it is (subject), the one official address, and for each kind
// what the reader needs: the code on its own line and when it was asked for; the activation code with the
// provider, where and by when, or whom to call.

const OFFICIAL = "localhost:3000"; // PUBLIC_URL's host (lib/env.ts default in tests)
const provider = {
  name: "Northwind Identity Monitoring",
  activationUrl: "https://monitoring.example.com/activate",
  phone: "+1-888-555-0177",
  activateWithinDays: 90,
};
const monitoring = {
  organisation: "WestJet",
  givenName: "Zoë",
  childGivenName: null,
  incidentTitle: { en: "June 2025 cybersecurity incident", fr: "Incident de cybersécurité de juin 2025" },
  activationCode: "NWIM-7Q4K-22XP",
  enrolledOn: "2026-12-02",
  termEndsOn: "2028-12-02",
  supportPhone: "+1-888-555-0100",
  provider,
};

/** The halves of a bilingual message, by the banner that opens each. */
const halves = (text: string) => {
  const fr = text.indexOf("——— Français ———");
  const en = text.indexOf("——— English ———");
  expect(fr).toBeGreaterThanOrEqual(0);
  expect(en).toBeGreaterThanOrEqual(0);
  return fr < en
    ? { first: "fr", fr: text.slice(fr, en), en: text.slice(en) }
    : { first: "en", en: text.slice(en, fr), fr: text.slice(fr) };
};

describe("the code email", () => {
  const requestedAt = new Date("2026-12-02T19:05:00Z"); // 14:05 in Toronto
  const mail = (language: string) =>
    verificationCodeMail(language, {
      organisation: "WestJet",
      givenName: "Zoë",
      code: "0123456789",
      requestedAt,
      supportPhone: "+1-888-555-0100",
    });

  it("names the organisation in the subject, the reader's language first, and never the code", () => {
    expect(mail("fr").subject).toBe("WestJet\u00a0: votre code de vérification / WestJet: your verification code");
    expect(mail("en").subject).toBe("WestJet: your verification code / WestJet\u00a0: votre code de vérification");
    expect(mail("en").subject).not.toContain("0123456789");
  });

  it("puts the code on its own line, says when it was asked for in words, and states the official address", () => {
    const { first, en, fr } = halves(mail("fr").text);
    expect(first).toBe("fr");
    for (const half of [en, fr]) {
      expect(half.split("\n")).toContain("    0123456789");
      expect(half).toContain(OFFICIAL);
      expect(half).not.toMatch(/UTC/);
    }
    expect(en).toContain("You asked for it on December 2, 2026 at 2:05 p.m. (Eastern time).");
    expect(en).toContain("WestJet incident support site");
    expect(en).toContain("Need help? Call 1-888-555-0100.");
    expect(fr).toContain("Vous l’avez demandé le 2 décembre 2026 à 14 h 05 (heure de l’Est).");
    expect(fr).toContain("Composez le 1 888 555-0100.");
    expect(fr).toContain(`La seule adresse officielle de ce site est ${OFFICIAL}.`);
  });

  it("writes a morning hour the Québec way, without a leading zero", () => {
    const early = verificationCodeMail("fr", {
      organisation: "WestJet",
      givenName: "Zoë",
      code: "0123456789",
      requestedAt: new Date("2026-12-02T07:05:00Z"), // 2:05 in Toronto
      supportPhone: null,
    });
    expect(early.text).toContain("le 2 décembre 2026 à 2 h 05 (heure de l’Est)");
    expect(early.text).toContain("on December 2, 2026 at 2:05 a.m. (Eastern time)");
    // No support phone: no "call" line, the official address still there.
    expect(early.text).not.toContain("Need help?");
    expect(early.text).toContain(OFFICIAL);
  });

  it("has an HTML part whose halves carry their language, the code set apart and every character escaped", () => {
    const html = renderMailHtml(mail("fr").text);
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    const fr = html.indexOf('<div lang="fr">');
    const en = html.indexOf('<div lang="en">');
    expect(fr).toBeGreaterThan(0);
    expect(en).toBeGreaterThan(fr);
    expect(html).toMatch(/<p style="[^"]*">0123456789<\/p>/);
    expect(renderMailHtml("a <b> & 'c'")).toContain("<p>a &lt;b&gt; &amp; &#39;c&#39;</p>");
  });
});

describe("the monitoring email", () => {
  it("is bilingual, the reader's first, and names the provider, its address, phone and the activation deadline", () => {
    const mail = monitoringConfirmationMail("en", monitoring);
    expect(mail.subject).toBe(
      "WestJet: your identity monitoring activation code / WestJet\u00a0: votre code d’activation de surveillance d’identité",
    );
    expect(mail.subject).not.toContain(monitoring.activationCode);
    const { first, en, fr } = halves(mail.text);
    expect(first).toBe("en");
    // Enrolled 2 December 2026 + 90 days = 2 March 2027.
    expect(en).toContain(
      "Your enrolment is not finished until this code is activated with Northwind Identity Monitoring. Do it by March 2, 2027:",
    );
    expect(en).toContain(
      "Activate it at https://monitoring.example.com/activate or by calling Northwind Identity Monitoring at 1-888-555-0177.",
    );
    expect(fr).toContain(
      "Votre inscription n’est pas terminée tant que ce code n’est pas activé auprès de Northwind Identity Monitoring. Faites-le d’ici le 2 mars 2027\u00a0:",
    );
    expect(fr).toContain("au 1 888 555-0177.");
    for (const half of [en, fr]) {
      expect(half.split("\n")).toContain("    NWIM-7Q4K-22XP");
      expect(half).toContain(OFFICIAL);
      expect(half).toContain("WestJet");
    }
    expect(en).toContain("Hello Zoë,");
    expect(en).toContain("Monitoring runs until December 2, 2028.");
    expect(fr).toContain("La surveillance se poursuit jusqu’au 2 décembre 2028.");
  });

  it("a guardian's version names the child by given name, in the body only", () => {
    const mail = monitoringConfirmationMail("fr", { ...monitoring, childGivenName: "Léa" });
    expect(mail.subject).toBe(
      "WestJet\u00a0: code d’activation de surveillance d’identité pour un enfant sur votre réservation / WestJet: identity monitoring activation code for a child on your booking",
    );
    expect(mail.subject).not.toContain("Léa");
    const { first, en, fr } = halves(mail.text);
    expect(first).toBe("fr");
    expect(fr).toContain("pour Léa, une personne de moins de 18\u00a0ans sur votre réservation");
    expect(fr).toContain("L’inscription pour Léa n’est pas terminée tant que ce code n’est pas activé auprès de");
    expect(en).toContain("for Léa, a traveller under 18 on your booking");
    expect(en).toContain("Léa’s enrolment is not finished until this code is activated with Northwind");
  });

  it("without a provider in the bundle, says whom to call to activate", () => {
    const mail = monitoringConfirmationMail("en", { ...monitoring, provider: null });
    const { en, fr } = halves(mail.text);
    expect(en).toContain(
      "Your enrolment is not finished until this code is activated. Call us at 1-888-555-0100 and we will tell you how.",
    );
    expect(fr).toContain("Composez le 1 888 555-0100\u00a0: nous vous expliquerons comment faire.");
    expect(mail.text).not.toContain("Northwind");
    expect(mail.text).not.toContain("Do it by");
    expect(mail.text.split("\n")).toContain("    NWIM-7Q4K-22XP");
  });
});
