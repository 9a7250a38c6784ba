import type { Page } from "@playwright/test";
import { initialsOf } from "@/lib/traveller/initials";
import { expect, test } from "./fixtures";
import { dateBoxes, submitStepOne, verifyTraveller } from "./fixtures/journey";

// The traveller's forms load react-hook-form on first use (components/ui/use-lazy-form.ts). Holding back every
// script requested after the page has loaded makes the in-between moment last: what is typed then, where focus
// is, and a submit made then must all survive the swap, and that submit is still checked in the browser first.

test.use({ travellerVariety: "family" });

/** Holds every script requested from now on until `release`; `held` counts them. */
async function holdScripts(page: Page) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const state = { held: 0, release: () => release() };
  await page.route("**/_next/static/chunks/**", async (route) => {
    state.held++;
    await gate;
    await route.continue();
  });
  return state;
}

test("a form used before react-hook-form arrives keeps typing and focus, and checks the submit in the browser", async ({
  page,
  traveller,
}) => {
  const minor = traveller.minors[0]!;
  const initials = initialsOf(minor.givenName, minor.lastName);
  await verifyTraveller(page, traveller);
  await page.goto("/my/companions");
  await page.waitForLoadState("load");
  const scripts = await holdScripts(page);
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });

  const email = page.getByLabel(`Email address for ${initials} (optional)`);
  await email.click();
  await page.keyboard.type("not-an");
  await expect.poll(() => scripts.held).toBeGreaterThan(0);
  await page.getByRole("button", { name: `Ask us to contact ${initials}` }).click();
  scripts.release();

  // The held submit ran once react-hook-form was in: refused in the browser, nothing posted, the text kept.
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveValue("not-an");
  expect(posts).toEqual([]);

  // Focus and typing carry on in the new form.
  await email.click();
  await page.keyboard.press("End");
  await page.keyboard.type(`.${traveller.ref.toLowerCase()}@example.org`);
  await expect(email).toBeFocused();
  await page.getByRole("button", { name: `Ask us to contact ${initials}` }).click();
  await expect(page.getByRole("status").filter({ hasText: initials })).toBeVisible();
  expect(posts.length).toBe(1);
});

test("typing while react-hook-form loads loses no key press and keeps focus in the field", async ({
  page,
  traveller,
}) => {
  const minor = traveller.minors[0]!;
  const initials = initialsOf(minor.givenName, minor.lastName);
  await verifyTraveller(page, traveller);
  await page.goto("/my/companions");
  await page.waitForLoadState("load");
  const scripts = await holdScripts(page);

  const email = page.getByLabel(`Email address for ${initials} (optional)`);
  await email.click();
  await page.keyboard.type("abc");
  await expect.poll(() => scripts.held).toBeGreaterThan(0);
  scripts.release();
  await page.keyboard.type("def");
  await expect(email).toHaveValue("abcdef");
  await expect(email).toBeFocused();
});

test("step one used before react-hook-form arrives keeps every box and checks the submit in the browser", async ({
  page,
  traveller,
}) => {
  await page.goto("/verify");
  await page.waitForLoadState("load");
  const scripts = await holdScripts(page);
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });
  const { day, month, year } = dateBoxes(traveller.dob);
  const date = page.getByRole("group", { name: "Date of birth" });

  await page.getByLabel("Booking reference").click();
  await page.keyboard.type(traveller.ref);
  await expect.poll(() => scripts.held).toBeGreaterThan(0);
  await page.getByLabel("Last name").click();
  await page.keyboard.type(traveller.lastName);
  await date.getByLabel("Day", { exact: true }).click();
  await page.keyboard.type("31");
  await date.getByLabel("Month", { exact: true }).click();
  await page.keyboard.type("2");
  await date.getByLabel("Year", { exact: true }).click();
  await page.keyboard.type(year);
  await page.keyboard.press("Enter");
  scripts.release();

  // The held submit ran once react-hook-form was in: 31 February refused in the browser, nothing posted.
  const summary = page.getByRole("alert", { name: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(date.getByLabel("Day", { exact: true })).toHaveAttribute("aria-invalid", "true");
  expect(posts).toEqual([]);
  await expect(page.getByLabel("Booking reference")).toHaveValue(traveller.ref);
  await expect(page.getByLabel("Last name")).toHaveValue(traveller.lastName);

  await date.getByLabel("Day", { exact: true }).fill(day);
  await date.getByLabel("Month", { exact: true }).fill(month);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/verify\/code$/);
  expect(posts.length).toBe(1);
});

test("the code and the agent sign-in forms load react-hook-form on first use and keep what was typed", async ({
  page,
  traveller,
}) => {
  await submitStepOne(page, traveller);
  await page.waitForLoadState("load");
  let scripts = await holdScripts(page);
  const code = page.getByLabel("Verification code");
  await code.click();
  await page.keyboard.type("12");
  await expect.poll(() => scripts.held).toBeGreaterThan(0);
  scripts.release();
  await page.keyboard.type("34");
  await expect(code).toHaveValue("1234");
  await expect(code).toBeFocused();
  // Too short: refused in the browser with the field's own error.
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(code).toHaveAttribute("aria-invalid", "true");

  await page.unrouteAll({ behavior: "wait" });
  await page.goto("/agent/sign-in");
  await page.waitForLoadState("load");
  scripts = await holdScripts(page);
  const email = page.getByLabel("Email");
  await email.click();
  await page.keyboard.type("agent@");
  await expect.poll(() => scripts.held).toBeGreaterThan(0);
  scripts.release();
  await page.keyboard.type("example");
  await expect(email).toHaveValue("agent@example");
  await expect(email).toBeFocused();
});
