import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, readLatestCode, test } from "./fixtures";
import { dateBoxes, detailsOf, fillDateOfBirth, postStepOne, stepOneUrl } from "./fixtures/journey";

// Step one's date of birth as Day / Month / Year boxes, and the ways a mistype no longer strands anyone: the code
// page shows what was typed, "Change" brings it back filled in, "Send a new code" resends for the same details,
// and switching language keeps what was typed and the focus. Phone (390 px) and desktop, English and French.

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const axe = async (page: Page) => (await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations;
const problem = (page: Page) => page.getByRole("alert", { name: /There is a problem|Il y a un problème/ });

const LABELS = {
  en: { group: "Date of birth", day: "Day", month: "Month", year: "Year", ref: "Booking reference", name: "Last name" },
  fr: {
    group: "Date de naissance",
    day: "Jour",
    month: "Mois",
    year: "Année",
    ref: "Numéro de réservation",
    name: "Nom de famille",
  },
} as const;
const boxes = (page: Page, lang: "en" | "fr") => {
  const l = LABELS[lang];
  const group = page.getByRole("group", { name: l.group });
  return {
    day: group.getByLabel(l.day, { exact: true }),
    month: group.getByLabel(l.month, { exact: true }),
    year: group.getByLabel(l.year, { exact: true }),
  };
};
/** "14 March 1984" / "14 mars 1984", as the code page says it. */
const spoken = (iso: string, lang: "en" | "fr") =>
  new Intl.DateTimeFormat(lang === "fr" ? "fr-CA" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${iso}T00:00:00Z`));

for (const viewport of [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 900 },
]) {
  test.describe(`on ${viewport.name}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test("three numeric boxes in a labelled group; typing the day and month with or without a zero verifies", async ({
      page,
      traveller,
    }) => {
      await page.goto("/verify");
      const date = boxes(page, "en");
      for (const box of [date.day, date.month, date.year]) await expect(box).toHaveAttribute("inputmode", "numeric");
      expect(await axe(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      const { day, month, year } = dateBoxes(traveller.dob);
      await page.getByLabel("Booking reference").fill(traveller.ref);
      await page.getByLabel("Last name").fill(traveller.lastName);
      // Leading zeros on one screen size, none on the other: both mean the same date.
      const zero = viewport.name === "phone";
      await date.day.fill(zero ? day.padStart(2, "0") : day);
      await date.month.fill(zero ? month.padStart(2, "0") : month);
      await date.year.fill(year);
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page).toHaveURL(/\/verify\/code$/, { timeout: 20_000 });
      // The code page names the contact details on file, not "email", and shows what was typed.
      await expect(page.getByText("we have sent a code to the contact details on file")).toBeVisible();
      await expect(
        page.getByText(`You entered ${traveller.ref} · ${traveller.lastName} · ${spoken(traveller.dob, "en")}`),
      ).toBeVisible();
      expect(await axe(page)).toEqual([]);
      await page.getByLabel("Verification code").fill(await readLatestCode(page, traveller.email!));
      await page.getByRole("button", { name: "Verify" }).click();
      await expect(page).toHaveURL(/\/my$/, { timeout: 20_000 });
    });
  });
}

test("a wrong date is blamed on the box to fix, and the summary links to it", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/verify");
  const date = boxes(page, "en");
  await page.getByLabel("Booking reference").fill("5BAPB6");
  await page.getByLabel("Last name").fill("Côté");
  await date.day.fill("14");
  await date.year.fill("1984");
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = problem(page);
  await expect(summary).toBeFocused();
  const link = summary.getByRole("link", { name: "Date of birth must include a month" });
  await expect(link).toHaveAttribute("href", "#dobMonth");
  await expect(date.month).toHaveAttribute("aria-invalid", "true");
  await expect(date.day).not.toHaveAttribute("aria-invalid");
  await expect(date.year).not.toHaveAttribute("aria-invalid");
  expect(await axe(page)).toEqual([]);
  await link.click();
  await expect(date.month).toBeFocused();

  await date.month.fill("13");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(summary.getByRole("link", { name: "Date of birth must be a real date" })).toHaveAttribute(
    "href",
    "#dobMonth",
  );
  await date.month.fill("3");
  await date.year.fill(String(new Date().getUTCFullYear() + 1));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(summary.getByRole("link", { name: "Date of birth must be in the past" })).toHaveAttribute(
    "href",
    "#dobDay",
  );
  for (const box of [date.day, date.month, date.year]) await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/verify(#\w+)?$/);
});

test.describe("in French", () => {
  test.use({ locale: "fr-CA", travellerVariety: "french" });

  test("Jour, Mois, Année: the errors are in French on the exact box, and the code page shows what was typed", async ({
    page,
    traveller,
  }) => {
    await page.goto("/verify");
    const date = boxes(page, "fr");
    await page.getByLabel("Numéro de réservation").fill(traveller.ref);
    await page.getByLabel("Nom de famille").fill(traveller.lastName);
    await date.day.fill("31");
    await date.month.fill("2");
    await date.year.fill("1984");
    await page.getByRole("button", { name: "Continuer" }).click();
    await expect(
      problem(page).getByRole("link", { name: "La date de naissance doit être une date qui existe" }),
    ).toHaveAttribute("href", "#dobDay");
    await expect(date.day).toHaveAttribute("aria-invalid", "true");
    await expect(date.month).not.toHaveAttribute("aria-invalid");
    expect(await axe(page)).toEqual([]);

    await fillDateOfBirth(page, traveller.dob, "fr");
    await page.getByRole("button", { name: "Continuer" }).click();
    await expect(page).toHaveURL(/\/verify\/code$/, { timeout: 20_000 });
    await expect(page.getByText("nous avons envoyé un code aux coordonnées au dossier")).toBeVisible();
    await expect(
      page.getByText(`Vous avez entré ${traveller.ref} · ${traveller.lastName} · ${spoken(traveller.dob, "fr")}`),
    ).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await page.getByRole("link", { name: "Modifier" }).click();
    await expect(page).toHaveURL(/\/verify$/);
    await expect(page.getByLabel("Nom de famille")).toHaveValue(traveller.lastName);
    await expect(boxes(page, "fr").year).toHaveValue(dateBoxes(traveller.dob).year);
  });
});

test("Change brings the details back filled in, and so does the back button", async ({ page, traveller }) => {
  const typo = traveller.lastName.slice(0, -1);
  await page.goto("/verify");
  await page.getByLabel("Booking reference").fill(traveller.ref);
  await page.getByLabel("Last name").fill(typo);
  await fillDateOfBirth(page, traveller.dob);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/verify\/code$/, { timeout: 20_000 });
  await expect(page.getByText(`You entered ${traveller.ref} · ${typo} ·`)).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\/verify$/);
  await expect(page.getByLabel("Last name")).toHaveValue(typo);
  await page.goForward();
  await expect(page).toHaveURL(/\/verify\/code$/, { timeout: 20_000 });

  await page.getByRole("link", { name: "Change" }).click();
  await expect(page).toHaveURL(/\/verify$/);
  const { day, month, year } = dateBoxes(traveller.dob);
  const date = boxes(page, "en");
  await expect(page.getByLabel("Booking reference")).toHaveValue(traveller.ref);
  await expect(page.getByLabel("Last name")).toHaveValue(typo);
  await expect(date.day).toHaveValue(day);
  await expect(date.month).toHaveValue(month);
  await expect(date.year).toHaveValue(year);

  // Fixing the typo goes through as usual.
  await page.getByLabel("Last name").fill(traveller.lastName);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/verify\/code$/, { timeout: 20_000 });
  await expect(page.getByText(`You entered ${traveller.ref} · ${traveller.lastName} ·`)).toBeVisible();
  await page.getByLabel("Verification code").fill(await readLatestCode(page, traveller.email!));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/my$/, { timeout: 20_000 });
  // The challenge has ended, and what was typed for it with it.
  const names = (await page.context().cookies()).map((c) => c.name);
  expect(names).not.toContain("portal.verify");
  expect(names).not.toContain("portal.verify-typed");
});

test("Send a new code sends one for the same details; the old code stops working", async ({ page, traveller }) => {
  await page.goto("/verify");
  await page.getByLabel("Booking reference").fill(traveller.ref);
  await page.getByLabel("Last name").fill(traveller.lastName);
  await fillDateOfBirth(page, traveller.dob);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/verify\/code$/, { timeout: 20_000 });
  const old = await readLatestCode(page, traveller.email!);

  await page.getByRole("button", { name: "Send a new code" }).click();
  await expect(page).toHaveURL(/\/verify\/code\?resend=sent$/);
  await expect(page.getByRole("status").filter({ hasText: "we have sent a new code" })).toHaveText(
    "If these details match, we have sent a new code to the contact details on file. Use the newest code: earlier ones no longer work.",
  );
  // The details are still shown: nothing to type again.
  await expect(page.getByText(`You entered ${traveller.ref} · ${traveller.lastName} ·`)).toBeVisible();
  expect(await axe(page)).toEqual([]);
  const fresh = await readLatestCode(page, traveller.email!, { exclude: [old] });
  expect(fresh).not.toBe(old);

  await page.getByLabel("Verification code").fill(old);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(problem(page)).toContainText("That code didn't work.");
  await page.getByLabel("Verification code").fill(fresh);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/my$/, { timeout: 20_000 });
});

test("Send a new code answers the same when nothing matches", async ({ page, browser, traveller }) => {
  const resend = async (p: Page, ref: string) => {
    await p.goto("/verify");
    await p.getByLabel("Booking reference").fill(ref);
    await p.getByLabel("Last name").fill(traveller.lastName);
    await fillDateOfBirth(p, traveller.dob);
    await p.getByRole("button", { name: "Continue" }).click();
    await expect(p).toHaveURL(/\/verify\/code$/);
    await p.getByRole("button", { name: "Send a new code" }).click();
    await expect(p).toHaveURL(/\/verify\/code\?resend=sent$/);
    return (await p.locator("main").innerText()).replace(ref, "<ref>");
  };
  const real = await resend(page, traveller.ref);
  const context = await browser.newContext();
  const made = await resend(await context.newPage(), "ZZZ9ZZ");
  expect(made).toBe(real);
  await context.close();
});

test("Send a new code counts against the same limits as step one", async ({ page, baseURL, playwright }) => {
  // A made-up reference (fresh each run): limits count attempts whether or not anything matches.
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const ref = Array.from({ length: 6 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("");
  await page.goto("/verify");
  await page.getByLabel("Booking reference").fill(ref);
  await page.getByLabel("Last name").fill("Nobody");
  await fillDateOfBirth(page, "1980-01-01");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/verify\/code$/, { timeout: 20_000 });
  // Nine more on the same reference over HTTP (another client, so this browser keeps its challenge): the
  // reference's ten attempts are used up.
  const other = await playwright.request.newContext({ baseURL });
  const url = await stepOneUrl(other);
  for (let i = 2; i <= 10; i++) {
    const answer = await postStepOne(
      other,
      url,
      baseURL!,
      detailsOf(ref, `Try${i}`, "1980-01-01"),
      "127.0.0.1",
      "json",
    );
    expect(JSON.parse(answer.body), `attempt ${i}`).toEqual({ status: "ok", redirectTo: "/verify/code" });
  }
  await other.dispose();
  await page.getByRole("button", { name: "Send a new code" }).click();
  await expect(page).toHaveURL(/\/verify\/code\?resend=limited&wait=\d+$/);
  await expect(page.getByRole("status").filter({ hasText: "too many attempts" })).toContainText(
    /Please wait \d+ minutes? and try again, or call .*\d/,
  );
  // Still on the code page, with what was typed: nothing is lost.
  await expect(page.getByText(`You entered ${ref} · Nobody ·`)).toBeVisible();
});

test("switching language keeps what was typed on either step, and keeps focus on the switch", async ({
  page,
  traveller,
}) => {
  await page.goto("/verify");
  await page.getByLabel("Booking reference").fill(traveller.ref);
  await page.getByLabel("Last name").fill(traveller.lastName);
  await fillDateOfBirth(page, traveller.dob);
  await page.getByRole("button", { name: "Afficher ce site en français" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  const toEnglish = page.getByRole("button", { name: "View this site in English" });
  await expect(toEnglish).toBeFocused();
  const { day, month, year } = dateBoxes(traveller.dob);
  const date = boxes(page, "fr");
  await expect(page.getByLabel("Numéro de réservation")).toHaveValue(traveller.ref);
  await expect(page.getByLabel("Nom de famille")).toHaveValue(traveller.lastName);
  await expect(date.day).toHaveValue(day);
  await expect(date.month).toHaveValue(month);
  await expect(date.year).toHaveValue(year);

  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page).toHaveURL(/\/verify\/code$/, { timeout: 20_000 });
  await page.getByLabel("Code de vérification").fill("12345");
  await toEnglish.click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Afficher ce site en français" })).toBeFocused();
  await expect(page.getByText(`You entered ${traveller.ref} · ${traveller.lastName} ·`)).toBeVisible();
  await expect(page.getByLabel("Verification code")).toHaveValue("12345");
});
