import type { Page } from "@playwright/test";
import { initialsOf } from "@/lib/traveller/initials";
import { expect, test } from "./fixtures";
import { verifyTraveller } from "./fixtures/journey";

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
