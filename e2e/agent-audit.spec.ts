import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { claimAgent, expect, test } from "./fixtures";
import { signInAsAgent } from "./fixtures/agent";

// The supervisors' audit log (/agent/audit) in a real browser: a supervisor finds their own sign-in, filters by
// the URL's GET form, by keyboard, in both languages; an agent without the role gets the not-found page and no
// link to it. axe on each state.

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const axe = async (page: Page) => (await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations;

test("a supervisor finds their own sign-in in the audit log and filters it", async ({ page }) => {
  test.slow();
  const supervisor = claimAgent("supervisor");
  await signInAsAgent(page, supervisor);
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/agent\/audit$/);
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  expect(await axe(page)).toEqual([]);

  // Filter by keyboard: this supervisor, the sign-in action.
  await page.getByLabel("Agent", { exact: true }).selectOption({ label: supervisor.displayName });
  await page.getByLabel("Action", { exact: true }).fill("agent.signed_in");
  await page.getByLabel("Action", { exact: true }).press("Enter");
  await expect(page).toHaveURL(/[?&]action=agent\.signed_in/);
  const table = page.getByRole("table", { name: "Audit events, newest first" });
  const rows = table.getByRole("row").filter({ hasText: "agent.signed_in" });
  await expect(rows.first()).toContainText(supervisor.displayName);
  await expect(rows.first().getByRole("cell").first()).toContainText("(Eastern time)");
  // Every row is this supervisor's sign-in: the filters held.
  for (const row of await table.getByRole("row").all()) {
    if ((await row.getByRole("columnheader").count()) > 0) continue;
    await expect(row).toContainText(supervisor.displayName);
    await expect(row).toContainText("agent.signed_in");
  }
  // The filters are in the URL and shown back in the form.
  await expect(page.getByLabel("Agent", { exact: true })).toHaveValue(/^[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Action", { exact: true })).toHaveValue("agent.signed_in");
  expect(await axe(page)).toEqual([]);

  // Opening the log is on the record, with the request's id (also in the response, for support to quote).
  const response = await page.goto(`/agent/audit?action=audit.viewed`);
  expect(response?.headers()["x-request-id"]).toMatch(UUID);
  const viewed = table.getByRole("row").filter({ hasText: "audit.viewed" }).first();
  await expect(viewed).toContainText(supervisor.displayName);
  await expect(viewed.getByRole("cell").nth(5)).toHaveText(UUID);

  // A wrong filter is explained, not run.
  await page.getByLabel("Person ID").fill("Marie");
  await page.getByRole("button", { name: "Show events" }).click();
  const problem = page.getByRole("alert", { name: "There is a problem" });
  await expect(problem).toBeFocused();
  await expect(problem.getByRole("link", { name: "Enter a person ID as digits only." })).toBeVisible();
  await expect(table).toHaveCount(0);
  expect(await axe(page)).toEqual([]);

  // In French.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/agent\/audit$/);
  await expect(table.getByRole("row").nth(1)).toContainText("(Eastern time)");
  await page.getByRole("button", { name: "Afficher ce site en français" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Journal d’audit" })).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Événements d’audit, du plus récent au plus ancien" }).getByRole("row").nth(1),
  ).toContainText("(heure de l’Est)");
  expect(await axe(page)).toEqual([]);
  await page.getByRole("button", { name: "View this site in English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
});

test("an agent without the supervisor role gets the not-found page, and no link to it", async ({ page }) => {
  const agent = claimAgent();
  await signInAsAgent(page, agent);
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  const response = await page.goto("/agent/audit?action=agent.signed_in");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});
