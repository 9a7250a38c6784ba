import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { CATEGORY_CODES, CATEGORY_NAMES } from "@/lib/catalogue/categories";
import { GUIDANCE } from "@/lib/catalogue/guidance";
import { topActions } from "@/lib/catalogue/priority";
import { addDays, addMonths, toIsoDate } from "@/lib/traveller/dates";
import { initialsOf } from "@/lib/traveller/initials";
import { expect, type FixturePerson, test } from "./fixtures";
import { verifyTraveller } from "./fixtures/journey";
import { pageText } from "./fixtures/outbox";

// The verified traveller's area (/my) in a real browser against the production build: their own categories and
// guidance, the checklist kept across visits, companions by initials only, flagging one, monitoring enrolment
// (twice, one code), the guardian path, French, keyboard only, and axe on every page.

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const axe = async (page: Page) => (await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations;

const signIn = verifyTraveller;

/** A link in the /my section's navigation (cards on the page link to the same places). */
const tab = (page: Page, name: string) =>
  page
    .getByRole("navigation", { name: /Your incident support|Votre soutien/ })
    .getByRole("link", { name, exact: true });
const initials = (p: FixturePerson) => initialsOf(p.givenName, p.lastName);
/** The form's error summary (Next.js's route announcer is an alert too). */
const problem = (page: Page) => page.getByRole("alert", { name: /There is a problem|Il y a un problème/ });
/** A saved change: wait for the server action's POST to answer before reloading. */
const saved = (page: Page) => page.waitForResponse((r) => r.request().method() === "POST" && r.status() === 200);
/** A category's card on /my, and the disclosure that folds its advice. */
const categoryCard = (page: Page, name: string) => page.getByRole("article", { name, exact: true });
const unfold = (page: Page, name: string) => categoryCard(page, name).locator("summary").click();
/** The title of a checklist item of the catalogue, in one language. */
const itemTitle = (key: string, locale: "en" | "fr") =>
  Object.values(GUIDANCE)
    .flatMap((g) => g.items)
    .find((i) => i.key === key)!.title[locale];
const longDate = (iso: string, locale: "en" | "fr") =>
  new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );

test.describe("the traveller's area", () => {
  test.use({ travellerVariety: "family" });

  test("own categories and guidance, checklist kept, companion flagged, enrolment twice with one code, guardian, French", async ({
    page,
    context,
    traveller,
  }) => {
    // One long journey through three pages in two languages, with axe on each: more than the default 30 s.
    test.setTimeout(180_000);
    await signIn(page, traveller);

    // Their own categories, by docs/bundle-format.md's names, with the masked hint; nobody else's.
    await expect(page.getByRole("heading", { level: 1, name: `Hello, ${traveller.givenName}` })).toBeVisible();
    const mine = new Set(traveller.exposures.map((e) => e.category));
    for (const code of CATEGORY_CODES) {
      await expect(page.getByRole("heading", { level: 3, name: CATEGORY_NAMES[code].en, exact: true })).toHaveCount(
        mine.has(code) ? 1 : 0,
      );
    }
    const passport = traveller.exposures.find((e) => e.category === "travel_document")!.detail!;
    await expect(page.getByText(passport)).toBeVisible();
    for (const name of ["Payment card numbers", "Card security codes (CVV)", "Account passwords"]) {
      await expect(page.getByRole("region", { name: "What was not involved" }).getByText(name)).toBeVisible();
    }
    const main = await page.locator("main").innerText();
    for (const c of traveller.companions) {
      expect(main).not.toContain(c.givenName);
      for (const e of c.exposures) if (e.detail) expect(main).not.toContain(e.detail);
    }
    expect(await axe(page)).toEqual([]);

    // It leads with the three steps that matter most for their categories, in the priority order.
    const first = page.getByRole("region", { name: "What to do first" });
    const expected = topActions(traveller.exposures.map((e) => e.category)).map((a) => itemTitle(a.key, "en"));
    expect(expected).toHaveLength(3);
    await expect(first.getByRole("heading", { level: 3 })).toHaveText(expected);
    // Every category is folded: its advice is hidden until opened, and the summary says how far they got.
    const docName = CATEGORY_NAMES.travel_document.en;
    const step = GUIDANCE.travel_document.items[0]!.title.en;
    await expect(page.getByRole("checkbox", { name: step })).toBeHidden();
    await expect(categoryCard(page, docName).locator("summary")).toContainText("0 of 2 done");
    // A lead step's link opens its category where the advice is.
    const dobAction = topActions(traveller.exposures.map((e) => e.category)).find(
      (a) => a.category === "date_of_birth",
    );
    if (dobAction) {
      await first.getByRole("link", { name: `More about: ${CATEGORY_NAMES.date_of_birth.en}` }).click();
      await expect(page.getByRole("checkbox", { name: itemTitle(dobAction.key, "en") })).toBeVisible();
    }

    // Tick a step; it is still ticked on the next visit, and the folded summary counts it.
    await unfold(page, docName);
    await expect(page.getByRole("checkbox", { name: step })).toHaveAttribute("aria-checked", "false");
    const tick = saved(page);
    await page.getByRole("checkbox", { name: step }).click();
    await expect(page.getByRole("checkbox", { name: step })).toHaveAttribute("aria-checked", "true");
    await tick;
    await page.reload();
    await expect(categoryCard(page, docName).locator("summary")).toContainText("1 of 2 done");
    await unfold(page, docName);
    await expect(page.getByRole("checkbox", { name: step })).toHaveAttribute("aria-checked", "true");
    expect(await axe(page)).toEqual([]);

    // Companions: initials and yes/no only.
    await tab(page, "Travelling companions").click();
    await expect(page.getByRole("heading", { level: 1, name: "Your travelling companions" })).toBeVisible();
    const adult = traveller.companions.find((c) => !c.minor)!;
    const minor = traveller.minors[0]!;
    await expect(page.getByRole("heading", { level: 2, name: initials(adult) })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: initials(minor) })).toBeVisible();
    const companionsText = await page.locator("main").innerText();
    for (const c of traveller.companions) {
      for (const secret of [c.givenName, c.lastName, c.dob, c.email].filter(Boolean))
        expect(companionsText).not.toContain(secret);
    }
    expect(await axe(page)).toEqual([]);

    // Flag the adult (email on file: one click), then the minor with a contact email, after a typo.
    await page.getByRole("button", { name: `Ask us to contact ${initials(adult)}` }).click();
    await expect(page.getByText(`Thank you. We will contact ${initials(adult)} directly.`)).toBeVisible();
    const email = page.getByLabel(`Email address for ${initials(minor)} (optional)`);
    await email.fill("not-an-email");
    await page.getByRole("button", { name: `Ask us to contact ${initials(minor)}` }).click();
    await expect(problem(page)).toBeFocused();
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await email.fill(`guardian.${traveller.ref.toLowerCase()}@example.org`);
    await page.getByRole("button", { name: `Ask us to contact ${initials(minor)}` }).click();
    await expect(page.getByText(`Thank you. We will contact ${initials(minor)} directly.`)).toBeVisible();
    // The field now says what was saved (masked), and no longer that we have no address.
    const savedLine = "Address you gave us: g•••@example.org";
    await expect(email).toHaveAccessibleDescription(new RegExp(savedLine));
    await expect(page.getByText("We have no email address on file for them")).toHaveCount(0);
    await page.reload();
    await expect(page.getByText(savedLine)).toBeVisible();
    await expect(email).toHaveAccessibleDescription(/We use it only to send them this notice/);
    await expect(page.getByText("We have no email address on file for them")).toHaveCount(0);
    // A second address for the same child: one full stop after the initials.
    await email.fill(`guardian2.${traveller.ref.toLowerCase()}@example.org`);
    await page.getByRole("button", { name: `Send the email address for ${initials(minor)}` }).click();
    await expect(page.getByText(`Thank you. Your request for ${initials(minor)} is updated.`)).toBeVisible();
    expect(await page.locator("main").innerText()).not.toMatch(/\.\./);
    await page.reload();
    await expect(page.getByText("We will contact them", { exact: true })).toHaveCount(2);
    // Flagged with an address on file: nothing more to send.
    await expect(page.getByRole("button", { name: `Ask us to contact ${initials(adult)}` })).toHaveCount(0);

    // Enrol from two tabs: one enrolment, the same code in both.
    const other = await context.newPage();
    await other.goto("/my/monitoring");
    await tab(page, "Identity monitoring").click();
    await expect(page.getByRole("heading", { level: 1, name: "Free identity monitoring" })).toBeVisible();
    // The steps say with whom, where and by when the code is activated (the provider in incident.json).
    const steps = page.getByRole("region", { name: "How it works" }).getByRole("listitem");
    await expect(steps.nth(1)).toContainText("Get your activation code");
    await expect(steps.nth(2)).toContainText("Activate the code with Northwind Identity Monitoring");
    await expect(steps.nth(2)).toContainText("Within 90 days of enrolling");
    await expect(steps.nth(2).getByRole("link", { name: "monitoring.example.com/activate" })).toHaveAttribute(
      "href",
      "https://monitoring.example.com/activate",
    );
    await expect(steps.nth(2).getByRole("link", { name: "1-888-555-0177" })).toHaveAttribute(
      "href",
      "tel:+18885550177",
    );
    await expect(page.getByText("Enrol by ")).toBeVisible();
    await page.getByRole("button", { name: "Enrol me" }).click();
    await expect(problem(page)).toBeFocused();
    await page.getByLabel(/^I agree to be enrolled in identity monitoring/).check();
    await page.getByRole("button", { name: "Enrol me" }).click();
    await expect(page.getByText("You are enrolled. Your activation code is below.")).toBeVisible();
    const code = (await page.getByTestId("activation-code").first().innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const today = toIsoDate(new Date());
    await expect(page.getByText(longDate(addMonths(today, 24), "en")).first()).toBeVisible();
    // Enrolled: the activation deadline and what is left to do; no enrol-by date, no UTC jargon.
    const self = page.getByRole("region", { name: "Get your activation code" });
    await expect(self.getByText("Activate by")).toBeVisible();
    await expect(self.getByText(longDate(addDays(today, 90), "en")).first()).toBeVisible();
    await expect(self).toContainText(
      "Your enrolment is not finished until you activate this code with Northwind Identity Monitoring",
    );
    await expect(self.getByRole("link", { name: "monitoring.example.com/activate" })).toBeVisible();
    await expect(page.getByText(/Enrol by|Enrol-by/)).toHaveCount(0);
    expect(await page.locator("main").innerText()).not.toContain("UTC");

    await other.getByLabel(/^I agree to be enrolled in identity monitoring/).check();
    await other.getByRole("button", { name: "Enrol me" }).click();
    await expect(other.getByText("You were already enrolled. Here is the same activation code.")).toBeVisible();
    await expect(other.getByTestId("activation-code").first()).toHaveText(code);
    await other.close();

    // Emailed once, with the code.
    const outbox = pageText(
      await (await page.request.get(`/dev/outbox?to=${encodeURIComponent(traveller.email!)}`)).text(),
    ).text;
    expect(outbox.split("WestJet: your identity monitoring activation code").length - 1).toBe(1);
    expect(outbox).toContain(code);

    // Guardian: the booker enrols the minor on the booking.
    await page
      .getByLabel(
        `As their parent or guardian, I agree to enrol ${initials(minor)} in identity monitoring for 24 months.`,
      )
      .check();
    await page.getByRole("button", { name: `Enrol ${initials(minor)}` }).click();
    await expect(page.getByText(`${initials(minor)} is enrolled. Their activation code is below.`)).toBeVisible();
    await expect(page.getByTestId("activation-code")).toHaveCount(2);
    expect(await axe(page)).toEqual([]);

    // French: the same page and the overview, with the same code and progress.
    await page.getByRole("button", { name: "Afficher ce site en français" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1, name: "Surveillance d’identité gratuite" })).toBeVisible();
    await expect(page.getByTestId("activation-code").first()).toHaveText(code);
    await expect(page.getByText(longDate(addMonths(today, 24), "fr")).first()).toBeVisible();
    const selfFr = page.getByRole("region", { name: "Obtenir votre code d’activation" });
    await expect(selfFr.getByText("Activer au plus tard le")).toBeVisible();
    await expect(selfFr.getByText(longDate(addDays(today, 90), "fr")).first()).toBeVisible();
    await expect(selfFr).toContainText("Votre inscription n’est pas terminée tant que vous n’avez pas activé ce code");
    await expect(selfFr.getByRole("link", { name: "1 888 555-0177" })).toHaveAttribute("href", "tel:+18885550177");
    expect(await page.locator("main").innerText()).not.toContain("UTC");
    expect(await axe(page)).toEqual([]);
    await tab(page, "Vos renseignements").click();
    await expect(page.getByRole("heading", { level: 1, name: `Bonjour ${traveller.givenName}` })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: CATEGORY_NAMES.travel_document.fr })).toBeVisible();
    await expect(
      page.getByRole("region", { name: "Que faire en premier" }).getByRole("heading", { level: 3 }),
    ).toHaveText(topActions(traveller.exposures.map((e) => e.category)).map((a) => itemTitle(a.key, "fr")));
    // Enrolled: the card names the provider and the deadline.
    await expect(
      page.getByText(/activé votre code auprès de Northwind Identity Monitoring, au plus tard le/),
    ).toBeVisible();
    await expect(categoryCard(page, CATEGORY_NAMES.travel_document.fr).locator("summary")).toContainText(
      "Fait\u00a0: 1 sur 2",
    );
    await unfold(page, CATEGORY_NAMES.travel_document.fr);
    await expect(page.getByRole("checkbox", { name: GUIDANCE.travel_document.items[0]!.title.fr })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    await expect(page.getByText(passport.replace(/^Passport ending/, "Passeport se terminant par"))).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await tab(page, "Personnes avec vous").click();
    await expect(page.getByRole("heading", { level: 1, name: "Les personnes qui voyagent avec vous" })).toBeVisible();
    await expect(page.getByText("Adresse que vous nous avez donnée\u00a0: g•••@example.org")).toBeVisible();
    expect(await axe(page)).toEqual([]);
    // Every French flag message: one full stop after the initials.
    await page
      .getByLabel(`Adresse courriel de ${initials(minor)} (facultatif)`)
      .fill(`g3.${traveller.ref.toLowerCase()}@example.org`);
    await page.getByRole("button", { name: `Envoyer l’adresse courriel de ${initials(minor)}` }).click();
    await expect(page.getByText(`Merci. Votre demande pour ${initials(minor)} est mise à jour.`)).toBeVisible();
    expect(await page.locator("main").innerText()).not.toMatch(/\.\./);
  });

  test("a companion who did not make the booking gets no guardian options and sees the others by initials", async ({
    page,
    traveller,
  }) => {
    const adult = traveller.companions.find((c) => !c.minor)!;
    await signIn(page, { ref: traveller.ref, lastName: adult.lastName, dob: adult.dob, email: adult.email });
    await expect(page.getByRole("heading", { level: 1, name: `Hello, ${adult.givenName}` })).toBeVisible();
    await page.goto("/my/monitoring");
    await expect(page.getByRole("heading", { name: "Children on your booking" })).toHaveCount(0);
    await page.goto("/my/companions");
    await expect(
      page.getByRole("heading", { level: 2, name: initialsOf(traveller.givenName, traveller.lastName) }),
    ).toBeVisible();
    await expect(page.getByText("Under 18")).toHaveCount(0);
    expect(await page.locator("main").innerText()).not.toContain(traveller.givenName);
  });
});

test("keyboard only: tick a step with the space bar and enrol, with a visible focus ring", async ({
  page,
  traveller,
}) => {
  // Many Tab presses, each checked in the page: slow on a busy machine.
  test.setTimeout(60_000);
  await signIn(page, traveller);
  /** Tab until the focused element matches, at most `max` times. */
  const tabTo = async (matches: (el: Element) => boolean, max = 80) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      const handle = await page.evaluateHandle(() => document.activeElement);
      if (await handle.evaluate(matches)) return;
    }
    throw new Error("never reached the element by keyboard");
  };
  // Categories are folded: open the first with the keyboard, then reach its first step.
  await tabTo((el) => el.tagName === "SUMMARY");
  await page.keyboard.press("Enter");
  await expect(page.locator("details[open]")).toHaveCount(1);
  await tabTo((el) => el.getAttribute("role") === "checkbox");
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement!);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(ring.style).not.toBe("none");
  expect(ring.width).toBeGreaterThanOrEqual(2);
  const focused = page.locator(":focus");
  await expect(focused).toHaveAttribute("aria-checked", "false");
  const tick = saved(page);
  await page.keyboard.press("Space");
  await expect(focused).toHaveAttribute("aria-checked", "true");
  await tick;

  await page.goto("/my/monitoring");
  await tabTo((el) => el instanceof HTMLInputElement && el.type === "checkbox");
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Enrol me" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "You are enrolled" })).toBeFocused();
  await expect(page.getByTestId("activation-code")).toBeVisible();
});

test.describe("on a phone, in French", () => {
  test.use({ travellerVariety: "french", viewport: { width: 390, height: 844 } });

  test("/my leads with three steps, folds each category with its progress, and monitoring names the provider", async ({
    page,
    traveller,
  }) => {
    test.setTimeout(60_000);
    await signIn(page, traveller);
    if ((await page.locator("html").getAttribute("lang")) !== "fr") {
      await page.getByRole("button", { name: "Afficher ce site en français" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    }
    const categories = traveller.exposures.map((e) => e.category);
    const first = page.getByRole("region", { name: "Que faire en premier" });
    await expect(first.getByRole("heading", { level: 3 })).toHaveText(
      topActions(categories).map((a) => itemTitle(a.key, "fr")),
    );
    // The travel document step goes to monitoring; every category is folded with its count.
    await expect(first.getByRole("link", { name: "Aller à la surveillance d’identité" })).toBeVisible();
    for (const code of categories) {
      const total = GUIDANCE[code].items.length;
      await expect(categoryCard(page, CATEGORY_NAMES[code].fr).locator("summary")).toContainText(
        `Fait\u00a0: 0 sur ${total}`,
      );
    }
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "1 888 555-0100" }).first()).toHaveAttribute(
      "href",
      "tel:+18885550100",
    );
    expect(await axe(page)).toEqual([]);
    // A tick inside a folded category is kept, and the summary counts it after a reload.
    const name = CATEGORY_NAMES.contact_info.fr;
    await unfold(page, name);
    const step = GUIDANCE.contact_info.items[1]!.title.fr;
    const tick = saved(page);
    await page.getByRole("checkbox", { name: step }).click();
    await tick;
    await page.reload();
    await expect(categoryCard(page, name).locator("summary")).toContainText(
      `Fait\u00a0: 1 sur ${GUIDANCE.contact_info.items.length}`,
    );

    await page.goto("/my/monitoring");
    await expect(page.getByRole("listitem").filter({ hasText: "Obtenir votre code d’activation" })).toBeVisible();
    await expect(page.getByText("Activer le code auprès de Northwind Identity Monitoring")).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await page.getByLabel(/^J’accepte mon inscription/).check();
    await page.getByRole("button", { name: "M’inscrire" }).click();
    await expect(page.getByTestId("activation-code")).toBeVisible();
    const region = page.getByRole("region", { name: "Obtenir votre code d’activation" });
    await expect(region.getByText(longDate(addDays(toIsoDate(new Date()), 90), "fr")).first()).toBeVisible();
    await expect(region.getByRole("link", { name: "monitoring.example.com/activate" })).toBeVisible();
    await expect(page.getByText("Date limite d’inscription")).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axe(page)).toEqual([]);
  });
});

test("the traveller's pages reflow to 320 px without sideways scrolling (WCAG 1.4.10)", async ({ page, traveller }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await signIn(page, traveller);
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  for (const path of ["/my", "/my/companions", "/my/monitoring"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await width()).toBeLessThanOrEqual(320);
  }
  await page.getByLabel(/^I agree to be enrolled in identity monitoring/).check();
  await page.getByRole("button", { name: "Enrol me" }).click();
  await expect(page.getByTestId("activation-code")).toBeVisible();
  expect(await width()).toBeLessThanOrEqual(320);
  // Alone on the booking: a calm empty state, not an error.
  await page.goto("/my/companions");
  await expect(page.getByText("You are the only traveller on this booking")).toBeVisible();
});

test("without a session the traveller's pages say the session has ended and lead to verification", async ({ page }) => {
  for (const path of ["/my", "/my/companions", "/my/monitoring"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/signed-out\?reason=expired$/);
    await expect(page.getByRole("link", { name: /verify/i }).first()).toHaveAttribute("href", /^\/verify/);
  }
});
