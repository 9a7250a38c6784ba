import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, readLatestCode, test } from "./fixtures";
import { detailsOf, fillDateOfBirth, postStepOne, stepOneUrl } from "./fixtures/journey";

// Traveller verification in a real browser against the production build: both steps, every refusal reading the
// same, the code from the development outbox, limits, French, keyboard only, and accessibility.

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const NEUTRAL = "If these details match, we have sent a code to the contact details on file. It expires in 10 minutes.";
const WRONG_CODE = "That code didn't work. Check it and try again, or ask for a new one.";

type Typed = { ref: string; lastName: string; dob: string };

async function submitDetails(page: Page, who: Typed) {
  await page.goto("/verify");
  await page.getByLabel("Booking reference").fill(who.ref);
  await page.getByLabel("Last name").fill(who.lastName);
  await fillDateOfBirth(page, who.dob);
  await page.getByRole("button", { name: "Continue" }).click();
}

async function submitCode(page: Page, code: string) {
  await page.getByLabel("Verification code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

/** The main column's text, for comparing what two people were told (less what they typed, which it shows back). */
const mainText = async (page: Page) => (await page.locator("main").innerText()).replace(/^You entered .*$/m, "");

/** A 10-digit code other than the right one. */
const wrong = (code: string) => String((Number(code) + 5_000_000_001) % 10_000_000_000).padStart(10, "0");

/** The form's error summary (Next.js's route announcer is an alert too, so match the summary's title). */
const problem = (page: Page) =>
  page.getByRole("alert", { name: /There is a problem|Too many attempts|Il y a un problème|Trop de tentatives/ });

const axe = async (page: Page) => (await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations;

test("a traveller verifies with the emailed code and lands on their page; the session cookie is HttpOnly", async ({
  page,
  traveller,
}) => {
  await submitDetails(page, {
    ref: ` ${traveller.ref.toLowerCase()} `,
    lastName: traveller.lastName.toUpperCase(),
    dob: traveller.dob,
  });
  await expect(page).toHaveURL(/\/verify\/code$/);
  await expect(page.getByRole("heading", { level: 1, name: "Enter your verification code" })).toBeVisible();
  await expect(page.getByText(NEUTRAL)).toBeVisible();
  await expect(page.getByText(/most children have none\) or no code arrives, call/)).toBeVisible();

  const code = await readLatestCode(page, traveller.email!);
  await submitCode(page, code);
  await expect(page).toHaveURL(/\/my$/);
  const session = (await page.context().cookies()).find((c) => c.name === "portal.session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  // Idle timeout: the cookie lives 15 minutes, refreshed by later visits.
  expect(session!.expires - Date.now() / 1000).toBeLessThanOrEqual(15 * 60 + 5);
  // Sliding: a visit re-issues the cookie with a fresh idle expiry once it is over a minute old (next-auth's auth
  // wrapper in proxy.ts; the refresh and both timeouts are proven with explicit times in
  // tests/traveller-session.test.ts). A reload at once keeps the cookie as it is.
  await page.reload();
  const kept = (await page.context().cookies()).find((c) => c.name === "portal.session");
  expect(kept!.value).toBe(session!.value);
  // The challenge cookie is gone once used.
  expect((await page.context().cookies()).some((c) => c.name === "portal.verify")).toBe(false);

  // Signing out ends it: a page says so, and traveller pages then say the session has ended.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signed-out$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("You have signed out");
  await page.goto("/my");
  await expect(page).toHaveURL(/\/signed-out\?reason=expired$/);
  await expect(page.getByText(/Your session has ended/)).toBeVisible();
});

test("the code works once: using it again fails", async ({ page, browser, traveller }) => {
  await submitDetails(page, traveller);
  const code = await readLatestCode(page, traveller.email!);
  // Someone else, with the same challenge cookie, tries the same code after it was used.
  const cookies = await page.context().cookies();
  await submitCode(page, code);
  await expect(page).toHaveURL(/\/my$/);
  const other = await browser.newContext();
  await other.addCookies(cookies.filter((c) => c.name === "portal.verify"));
  const second = await other.newPage();
  await second.goto("/verify/code");
  await submitCode(second, code);
  await expect(problem(second)).toContainText(WRONG_CODE);
  await expect(second).toHaveURL(/\/verify\/code$/);
  await other.close();
});

test("wrong details get exactly the same answer as right ones", async ({
  page,
  browser,
  traveller,
  claimTraveller,
}) => {
  // Five full step-one submissions, each in a fresh browser context: on 2 busy CI cores this nears 30 s.
  test.slow();
  await submitDetails(page, traveller);
  await expect(page).toHaveURL(/\/verify\/code$/);
  const matched = await mainText(page);

  const tries: Typed[] = [
    { ref: "ZZZ9ZZ", lastName: "Nobody", dob: "1970-01-01" }, // no such booking
    { ref: traveller.ref, lastName: traveller.lastName, dob: "1901-02-03" }, // right booking, wrong date of birth
    { ref: traveller.ref, lastName: "Someone-Else", dob: traveller.dob }, // right booking, wrong name
  ];
  const noEmail = claimTraveller("noEmail");
  tries.push({ ref: noEmail.ref, lastName: noEmail.lastName, dob: noEmail.dob }); // matched, but no email on file
  for (const typed of tries) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await submitDetails(other, typed);
    await expect(other).toHaveURL(/\/verify\/code$/);
    expect(await mainText(other)).toBe(matched);
    // A wrong code reads the same whether or not anything matched.
    await submitCode(other, "1234567890");
    await expect(problem(other)).toContainText(WRONG_CODE);
    await context.close();
  }
});

test("a wrong code is refused calmly, focus goes to the message, and too many tries means starting again", async ({
  page,
  traveller,
}) => {
  await submitDetails(page, traveller);
  const code = await readLatestCode(page, traveller.email!);
  await submitCode(page, wrong(code));
  const summary = problem(page);
  await expect(summary).toContainText(WRONG_CODE);
  await expect(summary).toBeFocused();
  await expect(page.getByLabel("Verification code")).toHaveAttribute("aria-invalid", "true");

  for (let i = 2; i <= 5; i++) {
    // Each answer before the next try: a try sent while the last is pending would not be counted.
    const answered = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/verify/code",
    );
    await submitCode(page, wrong(code));
    await answered;
    await expect(page.getByRole("button", { name: "Verify" })).toBeVisible();
  }
  await expect(summary).toContainText("too many tries. Start again to get a new code.");
  await expect(page.getByRole("link", { name: "Start again" }).first()).toBeVisible();
  // Even the right code no longer works on this challenge.
  await submitCode(page, code);
  await expect(summary).toContainText("too many tries");
  await expect(page).toHaveURL(/\/verify\/code$/);

  // A new code for the same details, without typing them again, works.
  await page.getByRole("button", { name: "Send a new code" }).click();
  await expect(page).toHaveURL(/\/verify\/code\?resend=sent$/);
  const fresh = await readLatestCode(page, traveller.email!, { exclude: [code] });
  await submitCode(page, fresh);
  await expect(page).toHaveURL(/\/my$/);
});

test("the form checks what was typed and says what to fix, before asking the server", async ({ page }) => {
  await page.goto("/verify");
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = problem(page);
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter your booking reference" })).toBeVisible();
  await expect(page.getByLabel("Last name")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Booking reference").fill("12");
  await page.getByLabel("Last name").fill("Martin");
  await fillDateOfBirth(page, "2023-02-30");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(summary.getByRole("link", { name: /booking reference of 6 letters and numbers/ })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Date of birth must be a real date" })).toHaveAttribute(
    "href",
    "#dobDay",
  );
  // Links in the summary move to the field.
  await summary.getByRole("link", { name: /booking reference of 6/ }).click();
  await expect(page.getByLabel("Booking reference")).toBeFocused();
  expect(await axe(page)).toEqual([]);
});

test("attempts on one booking reference are limited, with a calm message and the support number", async ({
  page,
  baseURL,
}) => {
  // A made-up reference (fresh each run): limits count attempts whether or not anything matches.
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const ref = Array.from({ length: 6 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("");
  // The first ten over HTTP, the way the page's script posts them (ten browser round trips would take most of
  // the test's time on two busy cores); each is accepted like any other attempt.
  const url = await stepOneUrl(page.request);
  for (let i = 1; i <= 10; i++) {
    const details = detailsOf(ref, `Try${"x".repeat(i)}`, "1980-01-01");
    const answer = await postStepOne(page.request, url, baseURL!, details, "127.0.0.1", "json");
    expect(JSON.parse(answer.body), `attempt ${i}`).toEqual({ status: "ok", redirectTo: "/verify/code" });
  }
  // The eleventh through the page.
  await submitDetails(page, { ref, lastName: "Eleventh", dob: "1980-01-01" });
  const message = problem(page);
  // The server's answer, however long a busy machine takes to give it (the form stays on /verify either way).
  await expect(message).toContainText("Too many attempts", { timeout: 30_000 });
  await expect(page).toHaveURL(/\/verify$/);
  await expect(message).toContainText(/Please wait \d+ minutes? and try again, or call .*\d/);
  await expect(message).toBeFocused();
  // Nothing was lost: the details are still there to try later.
  await expect(page.getByLabel("Last name")).toHaveValue("Eleventh");
});

test.describe("in French", () => {
  test.use({ locale: "fr-CA", travellerVariety: "french" });

  test("a French-speaking traveller verifies in French and gets the code email in French first", async ({
    page,
    traveller,
  }) => {
    await page.goto("/verify");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1, name: "Vérifier vos renseignements" })).toBeVisible();
    await page.getByLabel("Numéro de réservation").fill(traveller.ref);
    await page.getByLabel("Nom de famille").fill(traveller.lastName);
    await fillDateOfBirth(page, traveller.dob, "fr");
    await page.getByRole("button", { name: "Continuer" }).click();
    await expect(page).toHaveURL(/\/verify\/code$/);
    await expect(
      page.getByText(/Si ces renseignements correspondent, nous avons envoyé un code aux coordonnées au dossier/),
    ).toBeVisible();
    const code = await readLatestCode(page, traveller.email!);
    const outbox = await (await page.request.get(`/dev/outbox?to=${encodeURIComponent(traveller.email!)}`)).text();
    expect(outbox).toContain("Voici votre code de vérification");
    await page.getByLabel("Code de vérification").fill(wrong(code));
    await page.getByRole("button", { name: "Vérifier" }).click();
    await expect(problem(page)).toContainText("Ce code n’a pas fonctionné.");
    expect(await axe(page)).toEqual([]);
    await page.getByLabel("Code de vérification").fill(code);
    await page.getByRole("button", { name: "Vérifier" }).click();
    await expect(page).toHaveURL(/\/my$/);
  });
});

test("keyboard only: both steps without a mouse", async ({ page, traveller }) => {
  await page.goto("/verify");
  const tabTo = async (label: string) => {
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press("Tab");
      // The first focus in the form loads react-hook-form, which swaps the input for its own and moves focus with
      // it: a one-off check can hold the input being replaced (seen: focus on #bookingRef, the check false).
      // toBeFocused retries, so it sees the input that stays.
      const focused = await expect(page.getByLabel(label))
        .toBeFocused({ timeout: 1_000 })
        .then(
          () => true,
          () => false,
        );
      if (focused) return;
    }
    throw new Error(`Tab never reached "${label}"`);
  };
  await tabTo("Booking reference");
  await page.keyboard.type(traveller.ref);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Last name")).toBeFocused();
  await page.keyboard.type(traveller.lastName);
  await page.keyboard.press("Tab");
  // Day, Month, Year: one box after the other.
  const [year, month, day] = traveller.dob.split("-");
  for (const [label, value] of [
    ["Day", String(Number(day))],
    ["Month", String(Number(month))],
    ["Year", year!],
  ] as const) {
    await expect(page.getByLabel(label, { exact: true })).toBeFocused();
    await page.keyboard.type(value);
    await page.keyboard.press("Tab");
  }
  await expect(page.getByRole("button", { name: "Continue" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/verify\/code$/);
  const code = await readLatestCode(page, traveller.email!);
  await tabTo("Verification code");
  await page.keyboard.type(code);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Verify" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/my$/);
});

test("both steps pass an axe WCAG 2.2 AA check, and work on a phone-sized screen", async ({ page, traveller }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/verify");
  expect(await axe(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await submitDetails(page, traveller);
  await expect(page).toHaveURL(/\/verify\/code$/);
  expect(await axe(page)).toEqual([]);
  await submitCode(page, "12");
  await expect(problem(page)).toContainText("Enter the 10 digits of the verification code");
  expect(await axe(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test("the code page without a challenge explains how to start, and the dev outbox lists messages", async ({ page }) => {
  await page.goto("/verify/code");
  await expect(page.getByText(/expired or was not started on this device/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Start again" })).toHaveAttribute("href", "/verify");
  // The support number is one tap away on both verification pages, as people read it in their language.
  await expect(page.getByRole("link", { name: "1-888-555-0100" })).toHaveAttribute("href", "tel:+18885550100");
  await page.goto("/verify");
  await expect(page.getByRole("link", { name: "1-888-555-0100" })).toHaveAttribute("href", "tel:+18885550100");
  await page.goto("/dev/outbox");
  await expect(page.getByRole("heading", { level: 1, name: "Development outbox" })).toBeVisible();
  expect(await axe(page)).toEqual([]);
});
