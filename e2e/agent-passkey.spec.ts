import AxeBuilder from "@axe-core/playwright";
import type { CDPSession, Page } from "@playwright/test";
import { claimAgent, expect, test } from "./fixtures";
import { currentCode, signInAsAgent } from "./fixtures/agent";

// Passkeys for agents in a real browser, with Chromium's virtual authenticator standing in for the device (CDP
// WebAuthn domain): an agent signs in with password and code, adds a passkey on /agent/security (with the next
// code), signs out, signs in with the passkey alone, removes it with a passkey, and is then refused with it. axe on
// the new screens.
// Browsers refuse passkeys on an IP address, so this spec reaches the portal as localhost: the run's
// PASSKEY_ORIGIN (scripts/e2e-server.ts).

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const axe = async (page: Page) => (await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations;

test.use({ baseURL: `http://localhost:${process.env.E2E_PORT ?? 3210}` });

/** A platform authenticator that holds discoverable credentials and verifies its user (a PIN or a fingerprint). */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

test("an agent adds a passkey, signs in with it alone, and removes it", async ({ page }) => {
  // Up to 30 seconds waiting for the authenticator's next code (adding a passkey takes a fresh one), and five
  // WebAuthn ceremonies with their page loads: more than a slow test's 90 seconds on a busy 2-core machine.
  test.setTimeout(150_000);
  const agent = claimAgent();
  const { cdp, authenticatorId } = await virtualAuthenticator(page);

  await signInAsAgent(page, agent);
  await page.getByRole("link", { name: "Security", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await expect(page.getByText("You have no passkey yet.")).toBeVisible();
  expect(await axe(page)).toEqual([]);

  // The name and the current code are required, and the fields say so.
  const add = page.getByRole("button", { name: "Add a passkey" });
  await add.click();
  await expect(page.getByText("Enter a name for the passkey.")).toBeVisible();
  await expect(page.getByText("Enter the code from your authenticator app.")).toBeVisible();
  await expect(page.getByLabel("Passkey name")).toBeFocused();
  await page.getByLabel("Passkey name").fill("Test laptop");
  // The code the sign-in used does not work again: the next one does (the fixture waits for it, as a person would).
  await page.getByLabel("Authentication code").fill(await currentCode(page, agent));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Your passkey is added. You can now sign in with it.")).toBeVisible();
  await expect(page.getByText("Test laptop", { exact: true })).toBeVisible();
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]!.isResidentCredential).toBe(true);
  expect(credentials[0]!.rpId).toBe("localhost");
  expect(await axe(page)).toEqual([]);

  // Signed out, the passkey alone signs the agent in: no email, password or code typed.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/agent\/sign-in\?signedOut=1$/);
  expect(await axe(page)).toEqual([]);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/agent$/);
  await page.goto("/agent/security");
  await expect(page.getByText(/Test laptop/).first()).toBeVisible();
  await expect(page.getByText(/last used/)).toBeVisible();

  // French, on the new screen.
  await page.getByRole("button", { name: "Afficher ce site en français" }).click();
  await expect(page.getByRole("heading", { name: "Sécurité", level: 1 })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByRole("button", { name: "View this site in English" }).click();

  // A wrong code does not remove it; the agent's passkey does.
  const removal = page.getByRole("group", { name: "Remove Test laptop" });
  await removal.getByLabel("Authentication code").fill("000000");
  await removal.getByRole("button", { name: "Remove with the code" }).click();
  await expect(page.getByText("That did not confirm it is you.", { exact: false })).toBeVisible();
  await removal.getByRole("button", { name: "Remove with a passkey" }).click();
  await expect(page.getByText("You have no passkey yet.")).toBeVisible();

  // The credential is still on the device, but the portal no longer knows it.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/agent\/sign-in\?signedOut=1$/);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByText("That passkey did not sign you in.", { exact: false })).toBeVisible();
  await expect(page).toHaveURL(/\/agent\/sign-in/);
  expect(await axe(page)).toEqual([]);
});

test("a device without a passkey for the portal gets a clear message, and the form still works", async ({ page }) => {
  // An authenticator with no credential on it: the browser finds nothing to offer and, so as not to tell a site
  // which passkeys a device holds, ends the request only after a delay (about 20 seconds here).
  test.slow();
  await virtualAuthenticator(page);
  await page.goto("/agent/sign-in");
  const use = page.getByRole("button", { name: "Use a passkey" });
  await use.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("No passkey was used", { exact: false })).toBeVisible({ timeout: 60_000 });
  await expect(page).toHaveURL(/\/agent\/sign-in$/);
  await expect(page.getByLabel("Email", { exact: true })).toBeEditable();
  expect(await axe(page)).toEqual([]);
});
