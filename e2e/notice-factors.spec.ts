import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { claimRewardsLink, expect, runState, test } from "./fixtures";
import { fillDateOfBirth } from "./fixtures/journey";

// The two factors a notice carries, in a real browser against the production build: the letter's notice code on
// /verify (no email needed), and a rewards member's link, which survives any number of prefetches (GET, HEAD),
// opens the member's view once after the Last name is confirmed, and then shows the one calm page, the same page
// for a used, expired, revoked or tampered link.

// Each test walks a whole journey (and axe runs several times) against a production build on a busy machine.
test.describe.configure({ timeout: 90_000 });

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const axe = async (page: Page) => (await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations;
const REFUSED =
  "We could not confirm these details. Check your booking reference, last name, date of birth and the notice code on your letter, and try again.";

async function fillLetter(page: Page, who: { ref: string; lastName: string; dob: string }, code: string) {
  await page.getByLabel("Booking reference").fill(who.ref);
  await page.getByLabel("Last name").fill(who.lastName);
  await fillDateOfBirth(page, who.dob);
  await page.getByLabel("Notice code").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a traveller with a letter reaches it from /verify by keyboard and opens their page with the notice code", async ({
  page,
  claimTraveller,
}) => {
  const traveller = claimTraveller("noEmail");
  const code = runState().noticeFactors.letterCodes[traveller.ref]!;
  await page.goto("/verify");
  const link = page.getByRole("link", { name: "I have a letter from us with a notice code" });
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Check your information with your letter" })).toBeVisible();
  expect(await axe(page)).toEqual([]);

  // A wrong code: the one answer, naming no field.
  const wrong = `${code.slice(0, -1)}${code.endsWith("0") ? "1" : "0"}`;
  await fillLetter(page, traveller, wrong);
  await expect(page.getByText(REFUSED)).toBeVisible();
  expect(await axe(page)).toEqual([]);

  await page.getByLabel("Notice code").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/my$/);
  await expect(page.getByRole("heading", { level: 1, name: `Hello, ${traveller.givenName}` })).toBeVisible();
});

test("the letter path answers a made-up person exactly as a wrong code", async ({ page, claimTraveller }) => {
  const traveller = claimTraveller("noEmail");
  await page.goto("/verify/letter");
  await fillLetter(page, { ref: "ZZ2ZZ9", lastName: "Nobody", dob: "1970-01-01" }, "0000-0000-0000");
  await expect(page.getByText(REFUSED)).toBeVisible();
  const madeUp = await page.locator("main").innerText();
  await page.goto("/verify/letter");
  await fillLetter(page, traveller, "0000-0000-0000");
  await expect(page.getByText(REFUSED)).toBeVisible();
  expect(await page.locator("main").innerText()).toBe(madeUp);
});

test("a rewards link survives prefetches, opens the view once after the Last name, then shows the calm page", async ({
  page,
  request,
}) => {
  const link = claimRewardsLink(true);
  const path = `/rewards/${link.token}`;
  // Mail scanners: any number of GETs and HEADs use nothing up.
  for (let i = 0; i < 3; i++) {
    expect((await request.get(path)).status()).toBe(200);
    expect((await request.head(path)).status()).toBe(200);
  }
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm it is you" })).toBeVisible();
  expect(await axe(page)).toEqual([]);

  await page.getByLabel("Last name", { exact: true }).fill("Gagnon");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("That last name does not match this link. Check it and try again.")).toBeVisible();

  await page.getByLabel("Last name", { exact: true }).fill(link.lastName.toUpperCase());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/my\/rewards$/);
  await expect(page.getByRole("heading", { name: `Member ID ending ${link.last4}` })).toBeVisible();
  await expect(page.getByText(/Your points are not at risk/)).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByRole("link", { name: "See everything for your booking" }).click();
  await expect(page).toHaveURL(/\/my$/);

  // Used: the calm page, leading to the normal verification.
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "This link cannot be used" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Check your information" })).toHaveAttribute("href", "/verify");
  expect(await axe(page)).toEqual([]);
});

test.describe("in French", () => {
  test.use({ locale: "fr-CA" });
  test("a rewards member on no booking gets a view of their own record, in French", async ({ page }) => {
    const link = claimRewardsLink(false);
    await page.goto(`/rewards/${link.token}`);
    await expect(page.getByRole("heading", { level: 1, name: "Confirmez qu’il s’agit bien de vous" })).toBeVisible();
    await page.getByLabel("Nom de famille", { exact: true }).fill(link.lastName);
    await page.getByRole("button", { name: "Continuer" }).click();
    await expect(page).toHaveURL(/\/rewards\/member$/);
    await expect(page.getByRole("heading", { name: `Numéro de membre se terminant par ${link.last4}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Ce qui vous concerne" })).toBeVisible();
    expect(await axe(page)).toEqual([]);
  });
});

test("used, expired, revoked and tampered links get the same page, but for nonces, ids and streaming order", async ({
  request,
}) => {
  const dead = runState().noticeFactors.deadLinks;
  const live = claimRewardsLink(true).token;
  const tampered = `${live.slice(0, -2)}${live.endsWith("AA") ? "BB" : "AA"}`;
  // What legitimately differs per response: the CSP nonce, React's ids, the request id, and the token in the URL.
  const normalise = (html: string, token: string) => {
    const nonce = /nonce="([^"]+)"/.exec(html)?.[1] ?? "no nonce";
    return html
      .replaceAll(token, "TOKEN")
      .replaceAll(nonce, "NONCE")
      .replace(/\b(_R_|«R|:R)[0-9a-zA-Z_:»]*\b/g, "ID")
      .replace(/"buildId":"[^"]*"/g, "");
  };
  // The page as HTML (scripts aside) and the React payload's rows: the payload streams in chunks whose order can vary
  // with timing, so its rows are compared as a set, the document itself byte for byte.
  const parts = (html: string) => ({
    document: html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "<script></script>"),
    payload: [...html.matchAll(/self\.__next_f\.push\(\[1,"([\s\S]*?)"\]\)<\/script>/g)]
      .map((m) => m[1])
      .join("")
      .split("\\n")
      .sort(),
  });
  const pages = await Promise.all(
    [dead.used, dead.expired, dead.revoked, tampered].map(async (token) => {
      const res = await request.get(`/rewards/${token}`);
      expect(res.status()).toBe(200);
      return parts(normalise(await res.text(), token));
    }),
  );
  expect(pages[0]!.document).toContain("This link cannot be used");
  expect(pages[0]!.payload.length).toBeGreaterThan(10);
  for (const p of pages.slice(1)) expect(p).toEqual(pages[0]);
});
