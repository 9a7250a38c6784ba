import type { Page } from "@playwright/test";
import { initialsOf } from "@/lib/traveller/initials";
import { claimAgent, expect, test } from "./fixtures";
import { signInAsAgent } from "./fixtures/agent";
import { verifyTraveller } from "./fixtures/journey";

// Issue 9, medium 4: a passenger who is not the booker cannot steer outreach to a child on the booking. The agent
// sees every address travellers gave for a companion, each with who gave it, and only the booker's for a minor.

test.use({ travellerVariety: "family" });

async function flagWithAddress(page: Page, initials: string, address: string) {
  await page.goto("/my/companions");
  await page.getByLabel(`Email address for ${initials} (optional)`).fill(address);
  // The first request asks us to contact them; once someone on the booking has, the button sends the address.
  await page
    .getByRole("button", { name: new RegExp(`^(Ask us to contact|Send the email address for) ${initials}$`) })
    .click();
  await expect(page.getByRole("status").filter({ hasText: initials })).toBeVisible();
}

test("the agent sees each address with who gave it, and no address a non-booker gave for a minor", async ({
  browser,
  traveller,
}) => {
  test.setTimeout(90_000);
  const minor = traveller.minors[0]!;
  const adult = traveller.companions.find((c) => !c.minor)!;
  const initials = initialsOf(minor.givenName, minor.lastName);
  const steered = `steered.${traveller.ref.toLowerCase()}@example.net`;
  const guardian = `guardian.${traveller.ref.toLowerCase()}@example.org`;

  // The adult companion tries to give an address for the child first; then the booker gives theirs.
  const companionContext = await browser.newContext();
  const companionPage = await companionContext.newPage();
  await verifyTraveller(companionPage, { ...adult, ref: traveller.ref });
  await flagWithAddress(companionPage, initials, steered);
  await companionContext.close();

  const bookerContext = await browser.newContext();
  const bookerPage = await bookerContext.newPage();
  await verifyTraveller(bookerPage, traveller);
  await flagWithAddress(bookerPage, initials, guardian);
  await bookerContext.close();

  const agentContext = await browser.newContext();
  const page = await agentContext.newPage();
  const agent = claimAgent();
  await signInAsAgent(page, agent);
  const name = `${minor.givenName} ${minor.lastName}`;
  const card = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 2, name }) })
    .filter({ hasText: guardian });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(
    `${guardian} — given by ${traveller.givenName} ${traveller.lastName} (the person who made the booking)`,
  );
  await expect(card).not.toContainText(steered);
  await expect(page.getByText(steered)).toHaveCount(0);
  await agentContext.close();
});
