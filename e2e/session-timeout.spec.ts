import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { verifyTraveller } from "./fixtures/journey";

// The time-out warning (WCAG 2.2.1) on the production build. The browser's clock is Playwright's (page.clock):
// time jumps forward in the page instead of the test waiting 13 real minutes. The server keeps real time, so what
// the page does with the server is real: "Stay signed in" re-issues the session cookie, and when the time is up the
// page signs out through the server and lands on the page that says why, after which /my no longer opens.
// Signing out, and the sign-out page, are in e2e/sessions.spec.ts; the 60-minute limit's arithmetic, which needs
// the server's clock an hour on, in tests/session-timing.test.ts.

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const axe = async (page: Page) => (await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations;

const sessionCookie = async (context: BrowserContext) =>
  (await context.cookies()).find((c) => c.name === "portal.session");

/** The staying-signed-in server action's answer. */
const stayed = (page: Page) => page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/my"));

test("warns two minutes before the idle timeout; Stay signed in (or Escape) really extends the session", async ({
  page,
  traveller,
}) => {
  // Verification, then two rounds of warnings, each waiting on the server: more than the default 30 s when busy.
  test.setTimeout(90_000);
  await page.clock.install();
  await verifyTraveller(page, traveller);
  const signOut = page.getByRole("button", { name: "Sign out" });
  await signOut.focus();
  const warning = page.getByRole("dialog", { name: "You will be signed out soon" });

  // Nothing yet 12 minutes on; at 13 minutes (two before the 15-minute timeout) the warning opens, as a modal.
  await page.clock.fastForward("12:00");
  await expect(warning).toBeHidden();
  await page.clock.fastForward("01:05");
  await expect(warning).toBeVisible();
  await expect(warning).toHaveAccessibleDescription(/we will sign you out at \d{1,2}:\d\d/);
  await expect(warning).toHaveAccessibleDescription(/Your progress is saved either way\./);
  const stay = warning.getByRole("button", { name: "Stay signed in" });
  await expect(stay).toBeFocused();
  expect(await axe(page)).toEqual([]);

  // Staying signed in asks the server for a new session cookie, closes the dialog and gives focus back.
  const before = await sessionCookie(page.context());
  const answered = stayed(page);
  await stay.click();
  expect((await answered).status()).toBe(200);
  await expect(warning).toBeHidden();
  await expect(signOut).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "You are still signed in." })).toBeAttached();
  const after = await sessionCookie(page.context());
  expect(after?.value).not.toBe(before?.value);
  expect(after!.expires).toBeGreaterThanOrEqual(before!.expires);

  // Counting starts again from there: 13 minutes later the warning is back, and Escape means "stay" too.
  await page.clock.fastForward("12:00");
  await expect(warning).toBeHidden();
  await page.clock.fastForward("01:05");
  await expect(warning).toBeVisible();
  const again = stayed(page);
  await page.keyboard.press("Escape");
  expect((await again).status()).toBe(200);
  await expect(warning).toBeHidden();
  expect((await sessionCookie(page.context()))?.value).not.toBe(after?.value);

  // The session still opens the traveller's pages.
  await page.reload();
  await expect(page).toHaveURL(/\/my$/);
});

test.describe("on a phone, in French", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("when the time is up it signs out and says why, and the session is over", async ({ page, traveller }) => {
    test.setTimeout(90_000);
    await page.clock.install();
    await verifyTraveller(page, traveller);
    await page.context().addCookies([{ name: "lang", value: "fr", url: page.url() }]);
    await page.reload();

    await page.clock.fastForward("13:05");
    const warning = page.getByRole("dialog", { name: "Votre session va bientôt se fermer" });
    await expect(warning).toBeVisible();
    await expect(warning).toHaveAccessibleDescription(/nous fermerons votre session à \d{1,2} h \d\d/);
    await expect(warning.getByRole("button", { name: "Garder ma session ouverte" })).toBeFocused();
    expect(await axe(page)).toEqual([]);

    // Nobody answers: two minutes later the page signs out and lands on the page that says why.
    await page.clock.fastForward("02:00");
    await expect(page).toHaveURL(/\/signed-out\?reason=inactive$/);
    await expect(page.getByRole("heading", { level: 1, name: "Votre session a été fermée" })).toBeVisible();
    await expect(
      page.getByText("Votre session a été fermée après 15 minutes sans activité. Votre progression est enregistrée."),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Confirmer de nouveau mon identité" })).toHaveAttribute(
      "href",
      "/verify",
    );
    await expect(page).toHaveTitle(/^Session fermée – /);
    expect(await axe(page)).toEqual([]);
    expect(await sessionCookie(page.context())).toBeUndefined();

    // Signed out for real: the traveller's pages send them to the page that says the session ended.
    await page.goto("/my");
    await expect(page).toHaveURL(/\/signed-out\?reason=expired$/);
    await expect(page.getByRole("heading", { level: 1, name: "Votre session a pris fin" })).toBeVisible();
  });
});

test("the English page after the idle timeout says what happened and what to do next", async ({ page }) => {
  await page.goto("/signed-out?reason=inactive");
  await expect(page.getByRole("heading", { level: 1, name: "You were signed out" })).toBeVisible();
  await expect(
    page.getByText("You were signed out because you were inactive for 15 minutes. Your progress is saved."),
  ).toBeVisible();
  await expect(page.getByText("To continue, verify again", { exact: false })).toBeVisible();
  await expect(page.getByRole("link", { name: "Verify again" })).toBeVisible();
  expect(await axe(page)).toEqual([]);
});
