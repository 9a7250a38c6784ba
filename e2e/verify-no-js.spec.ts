import { expect, readLatestCode, test } from "./fixtures";

// The whole verification without JavaScript: step one is a plain form post (answered by a redirect), step two a
// server-action form. A mistake comes back with its errors and with everything that was typed still there.

test.use({ javaScriptEnabled: false });

test("without JavaScript: a mistake keeps what was typed, then the code signs the traveller in", async ({
  page,
  traveller,
}) => {
  await page.goto("/verify");
  await page.getByLabel("Booking reference").fill(traveller.ref);
  await page.getByLabel("Last name").fill(traveller.lastName);
  await page.getByLabel("Date of birth").fill("1984-02-30");
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(/\/verify$/);
  const summary = page.getByRole("alert", { name: "There is a problem" });
  await expect(summary).toBeVisible();
  await expect(
    summary.getByRole("link", { name: "Enter your date of birth as year, month and day, like 1984-03-17" }),
  ).toHaveAttribute("href", "#dateOfBirth");
  await expect(page.getByLabel("Booking reference")).toHaveValue(traveller.ref);
  await expect(page.getByLabel("Last name")).toHaveValue(traveller.lastName);
  await expect(page.getByLabel("Date of birth")).toHaveValue("1984-02-30");
  await expect(page.getByLabel("Date of birth")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Date of birth").fill(traveller.dob);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/verify\/code$/);
  await expect(page.getByRole("heading", { level: 1, name: "Enter your verification code" })).toBeVisible();
  // The flash cookie that carried the mistake is gone once the details went through.
  expect((await page.context().cookies()).some((c) => c.name === "portal.verify-form")).toBe(false);

  await page.getByLabel("Verification code").fill(await readLatestCode(page, traveller.email!));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/my$/);
});
