import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

// Smoke test of the production build: the home page in both languages, its accessibility, and the health check.

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

test("the home page names the incident and leads to the check, in English and in French", async ({
  page,
  incident,
}) => {
  await page.goto("/");
  // The portal's name, then whose it is (e2e/trust.spec.ts checks the organisation everywhere).
  await expect(page).toHaveTitle(/^Incident support – \S/);
  await expect(page.getByRole("heading", { level: 1, name: incident.title.en })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const start = page.getByRole("link", { name: "Check your information" });
  await expect(start).toBeVisible();
  await expect(start).toHaveAttribute("href", "/verify");
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);

  await page.getByRole("button", { name: "Afficher ce site en français" }).click();
  await expect(page.getByRole("heading", { level: 1, name: incident.title.fr })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("link", { name: "Vérifier vos renseignements" })).toHaveAttribute("href", "/verify");
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);

  // The choice sticks across pages, and switching back works.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: incident.title.fr })).toBeVisible();
  await page.getByRole("button", { name: "View this site in English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: incident.title.en })).toBeVisible();
});

test("a French browser gets French without touching the switch", async ({ browser, incident }) => {
  const context = await browser.newContext({ locale: "fr-CA" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: incident.title.fr })).toBeVisible();
  await context.close();
});

test("the home page works on a phone-sized screen", async ({ page, incident }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: incident.title.en })).toBeVisible();
  await expect(page.getByRole("link", { name: "Check your information" })).toBeInViewport({ ratio: 0.5 });
  // Nothing wider than the screen: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test("the health check reports ok and is never cached", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("ok");
  // The mail backlog, as counts only: never a recipient or a subject.
  expect(Object.keys(body.mail).sort()).toEqual(["failedLastWeek", "oldestQueuedSeconds", "queued", "retrying"]);
  expect(Object.values(body.mail).every((v) => typeof v === "number")).toBe(true);
  expect(res.headers()["cache-control"]).toContain("no-store");
});

test("robots.txt asks every crawler to stay out", async ({ request }) => {
  const res = await request.get("/robots.txt");
  expect(res.status()).toBe(200);
  expect(await res.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
});
