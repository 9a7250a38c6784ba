import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { authenticator } from "otplib";
import { claimAgent, expect, test } from "./fixtures";
import { currentCode, signInAsAgent } from "./fixtures/agent";
import { pageText } from "./fixtures/outbox";

// Agent sign-in with a second factor, and the supervisors' two-person reset, in a real browser: the three fields,
// a wrong and a replayed code refused, agents kept off the supervisors' page, and an approved reset ending in the
// agent's own enrolment from the link in the dev outbox. axe on every page.

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const axe = async (page: Page) => (await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations;

test("an agent signs in with password and code; a wrong or replayed code is refused", async ({ page }) => {
  test.slow();
  const agent = claimAgent();
  await page.goto("/agent/sign-in");
  const [email, password, code] = [
    page.getByLabel("Email", { exact: true }),
    page.getByLabel("Password", { exact: true }),
    page.getByLabel("Authentication code", { exact: true }),
  ];
  await expect(code).toHaveAttribute("autocomplete", "one-time-code");
  expect(await axe(page)).toEqual([]);
  await email.fill(agent.email);
  await password.fill(agent.password);
  const right = await currentCode(page, agent);
  await code.fill(String((Number(right) + 1) % 1_000_000).padStart(6, "0"));
  await page.getByRole("button", { name: "Sign in" }).click();
  const problem = page.getByRole("alert", { name: "There is a problem" });
  await expect(problem).toContainText("That email, password and code do not match an active agent account.");

  await page.getByLabel("Authentication code", { exact: true }).fill(right);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agent$/);
  // An agent is not shown the supervisors' page, and gets "not found" there.
  await expect(page.getByRole("link", { name: "Agents", exact: true })).toHaveCount(0);
  expect((await page.goto("/agent/agents"))?.status()).toBe(404);

  // Signed out, the same code does not work again, even within its 30 seconds.
  await page.goto("/agent");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/agent\/sign-in\?signedOut=1$/);
  await page.getByLabel("Email", { exact: true }).fill(agent.email);
  await page.getByLabel("Password", { exact: true }).fill(agent.password);
  await page.getByLabel("Authentication code", { exact: true }).fill(right);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(problem).toContainText("That email, password and code do not match an active agent account.");
  await expect(page).toHaveURL(/\/agent\/sign-in/);

  // French labels.
  await page.getByRole("button", { name: "Afficher ce site en français" }).click();
  await expect(page.getByLabel("Courriel", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Code d’authentification", { exact: true })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByRole("button", { name: "View this site in English" }).click();

  // Without a session, the supervisors' page sends to sign-in.
  await page.context().clearCookies();
  await page.goto("/agent/agents");
  await expect(page).toHaveURL(/\/agent\/sign-in/);
});

test("two supervisors reset an agent's second factor; the agent sets the new one from the mailed link", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const [first, second] = [claimAgent("supervisor"), claimAgent("supervisor")];
  const agent = claimAgent();

  await signInAsAgent(page, first);
  await page.getByRole("link", { name: "Agents", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Agent accounts" })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  // No action on one's own row.
  await expect(page.getByRole("button", { name: `Disable ${first.displayName}` })).toHaveCount(0);
  await page.getByRole("button", { name: `Start a second-factor reset for ${agent.displayName}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "The reset is started." })).toBeVisible();
  const request = page.getByRole("listitem").filter({ hasText: agent.email });
  await expect(request).toContainText("You started this reset: another supervisor must approve it.");
  await expect(request.getByRole("button")).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();

  await signInAsAgent(page, second);
  await page.goto("/agent/agents");
  await page
    .getByRole("listitem")
    .filter({ hasText: agent.email })
    .getByRole("button", { name: `Approve the second factor reset for ${agent.displayName}` })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "The reset is approved" })).toBeVisible();
  await page.getByRole("button", { name: "Afficher ce site en français" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Comptes du personnel" })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByRole("button", { name: "View this site in English" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();

  // The link went to the agent's work email (the dev outbox); the supervisors never saw a secret.
  let link = "";
  await expect
    .poll(async () => {
      const html = await (await page.request.get(`/dev/outbox?to=${encodeURIComponent(agent.email)}`)).text();
      link = /\/agent\/enrol\?token=[\w-]{43}/.exec(pageText(html).text)?.[0] ?? "";
      return link;
    })
    .not.toBe("");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Set up your sign-in" })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  const secret = (await page.locator("dd code").first().textContent())!.trim();
  const enrolled = { ...agent, totpSecret: secret };
  await page.getByLabel("Authentication code", { exact: true }).fill(await currentCode(page, enrolled));
  await page.getByRole("button", { name: "Save and go to sign-in" }).click();
  await expect(page).toHaveURL(/\/agent\/sign-in\?enrolled=1$/);
  await expect(page.getByRole("status")).toContainText("Your sign-in is set up.");
  // The old key no longer signs in; the new one does (signInAsAgent waits for the next code).
  expect(authenticator.generate(secret)).not.toBe(authenticator.generate(agent.totpSecret));
  await signInAsAgent(page, enrolled);
  // The link works once.
  await page.goto(link);
  await expect(page.getByText("This link has expired or was already used.")).toBeVisible();
});
