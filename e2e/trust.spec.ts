import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, readLatestCode, test } from "./fixtures";
import { submitStepOne } from "./fixtures/journey";

// Whose site this is, before anything asks for personal details: the organisation in the header, every title and
// the home heading; the one official address; what a Canadian breach notice must say (what was done, when, how to
// complain). And titles that say what happened: "Error:" after a failed submit, and which page was not found.
// In English and French, on a phone (390 px) and a desktop.

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const axe = async (page: Page) => (await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations;

/** The demo bundle the run imported (scripts/e2e-server.ts). */
const bundle = JSON.parse(readFileSync("demo/bundle/incident.json", "utf8")) as {
  organisation: string;
  steps_taken: { en: string; fr: string };
  privacy_office: { email: string };
};
const ORG = bundle.organisation;

const TEXT = {
  en: {
    locale: "en-CA",
    official: "The only official address for this site is",
    exposure: "When it happened: from June 11, 2025 to June 13, 2025. We found it on June 13, 2025.",
    steps: "What we have done",
    complain: "Questions or complaints about your privacy",
    privacyPhone: "1-888-555-0101",
    opc: "https://www.priv.gc.ca/en/",
    continue: "Continue",
    errorTitle: /^Error: Check your information – /,
    detailsTitle: `Check your information – ${ORG}`,
    notFound: `Page not found – ${ORG}`,
  },
  fr: {
    locale: "fr-CA",
    official: "La seule adresse officielle de ce site est",
    exposure: "Quand c’est arrivé\u00a0: du 11 juin 2025 au 13 juin 2025. Nous l’avons découvert le 13 juin 2025.",
    steps: "Ce que nous avons fait",
    complain: "Questions ou plaintes sur la protection de vos renseignements",
    privacyPhone: "1 888 555-0101",
    opc: "https://www.priv.gc.ca/fr/",
    continue: "Continuer",
    errorTitle: /^Erreur\u00a0: Vérifier vos renseignements – /,
    detailsTitle: `Vérifier vos renseignements – ${ORG}`,
    notFound: `Page introuvable – ${ORG}`,
  },
} as const;

for (const [lang, t] of Object.entries(TEXT) as [keyof typeof TEXT, (typeof TEXT)[keyof typeof TEXT]][]) {
  for (const [device, viewport] of [
    ["phone", { width: 390, height: 844 }],
    ["desktop", { width: 1280, height: 900 }],
  ] as const) {
    test.describe(`${lang}, ${device}`, () => {
      test.use({ locale: t.locale, viewport });

      test("the home page says whose site it is, its official address, what happened, what was done and how to complain", async ({
        page,
        baseURL,
      }) => {
        await page.goto("/");
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        await expect(page.getByRole("banner")).toContainText(ORG);
        await expect(page).toHaveTitle(new RegExp(` – ${ORG}$`));
        await expect(page.getByRole("heading", { level: 1 })).toContainText(ORG);

        const host = new URL(baseURL!).host;
        const official = page.getByText(t.official);
        await expect(official).toContainText(host);
        await expect(official).toBeVisible();
        await expect(page.getByText(t.exposure)).toBeVisible();

        await expect(page.getByRole("heading", { level: 2, name: t.steps })).toBeVisible();
        await expect(page.getByText(bundle.steps_taken[lang])).toBeVisible();

        const complain = page.getByRole("region", { name: t.complain });
        await expect(complain).toBeVisible();
        await expect(complain.getByRole("link", { name: bundle.privacy_office.email })).toHaveAttribute(
          "href",
          `mailto:${bundle.privacy_office.email}`,
        );
        await expect(complain.getByRole("link", { name: t.privacyPhone })).toHaveAttribute("href", "tel:+18885550101");
        await expect(complain.getByRole("link", { name: "priv.gc.ca" })).toHaveAttribute("href", t.opc);
        await expect(complain.getByRole("link", { name: "cai.gouv.qc.ca" })).toHaveAttribute(
          "href",
          "https://www.cai.gouv.qc.ca/",
        );
        // The Commission's name is French on both pages, and marked so.
        await expect(
          complain.locator('[lang="fr"]', { hasText: "Commission d’accès à l’information du Québec" }),
        ).toHaveCount(1);
        // Nothing wider than the screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        expect(await axe(page)).toEqual([]);
      });

      test("a failed submit puts “Error:” first in the title while the problem shows", async ({ page }) => {
        await page.goto("/verify");
        await expect(page).toHaveTitle(t.detailsTitle);
        await page.getByRole("button", { name: t.continue }).click();
        await expect(page.getByRole("alert", { name: /There is a problem|Il y a un problème/ })).toBeVisible();
        await expect(page).toHaveTitle(t.errorTitle);
        expect((await page.title()).match(/Error|Erreur/g)).toHaveLength(1);
        expect(await axe(page)).toEqual([]);
      });

      test("the page-not-found title names the page and the organisation", async ({ page }) => {
        const res = await page.goto("/no-such-page");
        expect(res?.status()).toBe(404);
        await expect(page).toHaveTitle(t.notFound);
        await expect(page.getByRole("banner")).toContainText(ORG);
        expect(await axe(page)).toEqual([]);
      });
    });
  }
}

test("the header's focus ring stands out against the header: at least 3:1", async ({ page }) => {
  await page.goto("/");
  // The skip link comes first; the next stop is the header's home link.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const home = page.getByRole("banner").getByRole("link", { name: new RegExp(ORG) });
  await expect(home).toBeFocused();
  const ratio = await home.evaluate((el) => {
    const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ring = getComputedStyle(el).outlineColor;
    const header = getComputedStyle(el.closest("header")!).backgroundColor;
    const [a, b] = [lum(ring), lum(header)].sort((x, y) => y - x);
    return (a! + 0.05) / (b! + 0.05);
  });
  expect(ratio).toBeGreaterThanOrEqual(3);
});

test("the code email names the organisation, states the official address and when the code was asked for", async ({
  page,
  traveller,
  baseURL,
}) => {
  await submitStepOne(page, traveller);
  await readLatestCode(page, traveller.email!);
  // The development outbox shows each message's subject and text (the From name is checked in tests/mail-*.test.ts).
  const html = await (await page.request.get(`/dev/outbox?to=${encodeURIComponent(traveller.email!)}`)).text();
  expect(html).toContain(`${ORG}: your verification code / ${ORG}\u00a0: votre code de vérification`);
  expect(html).toContain(`The only official address for this site is ${new URL(baseURL!).host}.`);
  expect(html).toContain("(Eastern time)");
});
