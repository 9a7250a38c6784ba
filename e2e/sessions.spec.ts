import type { BrowserContext, Page } from "@playwright/test";
import { claimAgent, expect, readLatestCode, test } from "./fixtures";
import { signInAsAgent } from "./fixtures/agent";
import { fillDateOfBirth, verifyTraveller } from "./fixtures/journey";

// Sessions on the production build: signing out ends every copy of the cookie (a copy taken before sign-out is
// refused at its next request, for travellers and agents), the step-two server action redeems the challenge of
// the browser's own challenge cookie, /api/auth/session says nothing about the person, and /api/* responses carry
// the security headers pages do.

const sessionCookies = async (context: BrowserContext, name: string) =>
  (await context.cookies()).filter((c) => c.name === name);

async function withCopiedCookies(page: Page, cookies: Awaited<ReturnType<BrowserContext["cookies"]>>) {
  const thief = await page.context().browser()!.newContext();
  await thief.addCookies(cookies);
  return thief;
}

test("a traveller's copied session cookie stops working when they sign out", async ({ page, traveller }) => {
  await verifyTraveller(page, traveller);
  const copy = await sessionCookies(page.context(), "portal.session");
  expect(copy).toHaveLength(1);
  expect(copy[0]).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

  // The copy works while the session does.
  const thief = await withCopiedCookies(page, copy);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/my");
  await expect(thiefPage).toHaveURL(/\/my$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signed-out$/);
  await expect(page.getByRole("heading", { level: 1, name: "You have signed out" })).toBeVisible();
  expect(await sessionCookies(page.context(), "portal.session")).toEqual([]);

  // The same cookie, still in the other browser, no longer opens anything.
  await thiefPage.goto("/my");
  await expect(thiefPage).toHaveURL(/\/signed-out\?reason=expired$/);
  await thief.close();
});

test("an agent's copied session cookie stops working when they sign out", async ({ page }) => {
  const agent = claimAgent();
  await signInAsAgent(page, agent);
  const copy = await sessionCookies(page.context(), "portal.agent");
  expect(copy).toHaveLength(1);
  expect(copy[0]).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/agent" });

  const thief = await withCopiedCookies(page, copy);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/agent");
  await expect(thiefPage).toHaveURL(/\/agent$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/agent\/sign-in\?signedOut=1$/);
  await thiefPage.goto("/agent");
  await expect(thiefPage).toHaveURL(/\/agent\/sign-in\?expired=1$/);
  await thief.close();
});

test("the code step redeems the challenge of the browser's own cookie", async ({ page, browser, traveller }) => {
  // The traveller starts step one; someone else, with a challenge of their own, types the traveller's code.
  await page.goto("/verify");
  await page.getByLabel("Booking reference").fill(traveller.ref);
  await page.getByLabel("Last name").fill(traveller.lastName);
  await fillDateOfBirth(page, traveller.dob);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/verify\/code$/);
  const code = await readLatestCode(page, traveller.email!);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/verify");
  await otherPage.getByLabel("Booking reference").fill("ZZZ9ZZ");
  await otherPage.getByLabel("Last name").fill("Nobody");
  await fillDateOfBirth(otherPage, "1970-01-01");
  await otherPage.getByRole("button", { name: "Continue" }).click();
  await expect(otherPage).toHaveURL(/\/verify\/code$/);
  await otherPage.getByLabel("Verification code").fill(code);
  await otherPage.getByRole("button", { name: "Verify" }).click();
  await expect(otherPage).toHaveURL(/\/verify\/code$/);
  expect(await sessionCookies(other, "portal.session")).toEqual([]);
  await other.close();

  // The traveller's own browser still redeems it.
  await page.getByLabel("Verification code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/my$/);
});

test("/api responses carry the security headers, and /api/auth/session says nothing about the person", async ({
  page,
  traveller,
}) => {
  const ping = await page.request.get("/api/ping");
  const headers = ping.headers();
  expect(headers["content-security-policy"]).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");

  await verifyTraveller(page, traveller);
  const session = await page.request.get("/api/auth/session");
  expect(session.headers()["content-security-policy"]).toMatch(/default-src 'none'/);
  expect(Object.keys(await session.json())).toEqual(["expires"]);
});
