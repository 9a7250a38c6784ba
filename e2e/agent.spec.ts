import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { initialsOf } from "@/lib/traveller/initials";
import { claimAgent, expect, test } from "./fixtures";
import { signInAsAgent } from "./fixtures/agent";
import { verifyTraveller } from "./fixtures/journey";

// The agent console (/agent) in a real browser: closed to anyone not signed in as an agent, a calm refusal for a
// wrong password, and the companion a traveller flags on /my/companions showing up in the agents' queue, where
// an agent marks it as contacted. axe on both pages.

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const axe = async (page: Page) => (await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations;

test("the console is closed to strangers and travellers, and a wrong password is refused calmly", async ({
  page,
  traveller,
}) => {
  // Three visitors in one test (a stranger, an agent with a wrong password, a verified traveller): on two busy
  // cores it once ran past the default 30 s while verifying the traveller.
  test.slow();
  const agent = claimAgent();
  await page.goto("/agent");
  await expect(page).toHaveURL(/\/agent\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1, name: "Agent sign-in" })).toBeVisible();
  // Under the password field: we never ask for it by phone or email (against callers posing as IT).
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(
    "We will never ask you for this password by phone, text or email. Anyone who does is not us.",
  );
  expect(await axe(page)).toEqual([]);
  await page.getByRole("button", { name: "Afficher ce site en français" }).click();
  await expect(page.getByLabel("Mot de passe")).toHaveAccessibleDescription(
    /^Nous ne vous demanderons jamais ce mot de passe par téléphone, texto ou courriel\./,
  );
  expect(await axe(page)).toEqual([]);
  await page.getByRole("button", { name: "View this site in English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Agent sign-in" })).toBeVisible();

  // The form checks what was typed before asking the server.
  await page.getByRole("button", { name: "Sign in" }).click();
  const problem = page.getByRole("alert", { name: "There is a problem" });
  await expect(problem).toBeFocused();
  await expect(problem.getByRole("link", { name: "Enter your work email address." })).toBeVisible();

  await page.getByLabel("Email").fill(agent.email);
  await page.getByLabel("Password").fill(`${agent.password}-wrong`);
  await page.getByLabel("Authentication code").fill("123456");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(problem).toContainText("That email, password and code do not match an active agent account.");
  await expect(page).toHaveURL(/\/agent\/sign-in$/);

  // A verified traveller's session opens nothing here either.
  await verifyTraveller(page, traveller);
  await page.goto("/agent");
  await expect(page).toHaveURL(/\/agent\/sign-in$/);
});

test.describe("the companion queue", () => {
  test.use({ travellerVariety: "family" });

  test("a companion a traveller flags reaches the agents, who mark it as contacted", async ({
    page,
    browser,
    traveller,
  }) => {
    test.setTimeout(60_000);
    const minor = traveller.minors[0]!;
    const contact = `guardian.${traveller.ref.toLowerCase()}@example.org`;

    // The traveller flags their child (no email on file) and gives an address.
    await verifyTraveller(page, traveller);
    await page.goto("/my/companions");
    const initials = initialsOf(minor.givenName, minor.lastName);
    await page.getByLabel(`Email address for ${initials} (optional)`).fill(contact);
    await page.getByRole("button", { name: `Ask us to contact ${initials}` }).click();
    await expect(page.getByRole("status").filter({ hasText: initials })).toBeVisible();

    // An agent, in another browser, finds the request with what they need to act on it.
    // On a phone, as an agent working from one would be.
    const agentContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const agentPage = await agentContext.newPage();
    const agent = claimAgent();
    await signInAsAgent(agentPage, agent);
    await expect(agentPage.getByText(`Signed in as ${agent.displayName}`)).toBeVisible();
    await expect(agentPage.getByRole("heading", { level: 1, name: "Companions to contact" })).toBeVisible();
    const name = `${minor.givenName} ${minor.lastName}`;
    const card = agentPage
      .getByRole("listitem")
      .filter({ has: agentPage.getByRole("heading", { level: 2, name }) })
      .filter({ hasText: contact });
    await expect(card).toHaveCount(1);
    await expect(card).toContainText(`${traveller.givenName} ${traveller.lastName} (the person who made the booking)`);
    await expect(card).toContainText("Email address on file: none");
    await expect(card).not.toContainText(minor.dob);
    // A child: marked, with their language, and never to be emailed directly.
    await expect(card.getByText("Under 18", { exact: true })).toBeVisible();
    await expect(card).toContainText(
      "Under 18: never email them directly. Contact the person who made the booking (their parent or guardian), or send the notice by letter.",
    );
    await expect(card).toContainText(`Language${minor.language === "fr" ? "French" : "English"}`);
    await expect(card).not.toContainText("send the notice there");
    expect(await axe(agentPage)).toEqual([]);

    await card.getByRole("button", { name: `Mark ${name} as contacted` }).click();
    await expect(
      agentPage.getByRole("status").filter({ hasText: "The request is marked as contacted." }),
    ).toBeFocused();
    await expect(agentPage.getByRole("listitem").filter({ hasText: contact })).toHaveCount(0);
    await agentPage.getByRole("link", { name: /^Contacted \(\d+\)$/ }).click();
    await expect(agentPage.getByRole("listitem").filter({ hasText: contact })).toContainText("Contacted");

    // The console speaks French too.
    await agentPage.getByRole("button", { name: "Afficher ce site en français" }).click();
    await expect(agentPage.getByRole("heading", { level: 1, name: "Personnes à joindre" })).toBeVisible();
    await expect(agentPage.getByRole("link", { name: /^Traitées \(\d+\)$/ })).toBeVisible();
    const cardFr = agentPage.getByRole("listitem").filter({ hasText: contact });
    await expect(cardFr.getByText("Moins de 18 ans", { exact: true })).toBeVisible();
    await expect(cardFr).toContainText(`Langue${minor.language === "fr" ? "Français" : "Anglais"}`);
    expect(await axe(agentPage)).toEqual([]);
    await agentPage.getByRole("button", { name: "View this site in English" }).click();
    await expect(agentPage.getByRole("heading", { level: 1, name: "Companions to contact" })).toBeVisible();

    // Signing out ends the console session.
    await agentPage.getByRole("button", { name: "Sign out" }).click();
    await expect(agentPage).toHaveURL(/\/agent\/sign-in\?signedOut=1$/);
    await expect(agentPage.getByText("You have signed out.")).toBeVisible();
    await agentPage.goto("/agent");
    await expect(agentPage).toHaveURL(/\/agent\/sign-in$/);
    await agentContext.close();
  });
});
