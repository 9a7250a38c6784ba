import { expect, readLatestCode, test } from "./fixtures";
import { fillDateOfBirth } from "./fixtures/journey";

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
  await fillDateOfBirth(page, "1984-02-30");
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(/\/verify$/);
  const summary = page.getByRole("alert", { name: "There is a problem" });
  await expect(summary).toBeVisible();
  // 30 February: the day is the box to fix, and only it is marked.
  await expect(summary.getByRole("link", { name: "Date of birth must be a real date" })).toHaveAttribute(
    "href",
    "#dobDay",
  );
  await expect(page.getByLabel("Booking reference")).toHaveValue(traveller.ref);
  await expect(page.getByLabel("Last name")).toHaveValue(traveller.lastName);
  const date = page.getByRole("group", { name: "Date of birth" });
  await expect(date.getByLabel("Day", { exact: true })).toHaveValue("30");
  await expect(date.getByLabel("Month", { exact: true })).toHaveValue("2");
  await expect(date.getByLabel("Year", { exact: true })).toHaveValue("1984");
  await expect(date.getByLabel("Day", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(date.getByLabel("Month", { exact: true })).not.toHaveAttribute("aria-invalid");
  await expect(date.getByLabel("Year", { exact: true })).not.toHaveAttribute("aria-invalid");

  await fillDateOfBirth(page, traveller.dob);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/verify\/code$/);
  await expect(page.getByRole("heading", { level: 1, name: "Enter your verification code" })).toBeVisible();
  // The flash cookie that carried the mistake is gone once the details went through.
  expect((await page.context().cookies()).some((c) => c.name === "portal.verify-form")).toBe(false);

  await page.getByLabel("Verification code").fill(await readLatestCode(page, traveller.email!));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/my$/);
});

test("without JavaScript: the code page shows what was typed, Change refills it, and a new code can be sent", async ({
  page,
  traveller,
}) => {
  await page.goto("/verify");
  await page.getByLabel("Booking reference").fill(traveller.ref);
  await page.getByLabel("Last name").fill(traveller.lastName);
  await fillDateOfBirth(page, traveller.dob);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/verify\/code$/);
  await expect(page.getByText(`You entered ${traveller.ref} · ${traveller.lastName} ·`)).toBeVisible();
  const old = await readLatestCode(page, traveller.email!);

  await page.getByRole("link", { name: "Change" }).click();
  await expect(page).toHaveURL(/\/verify$/);
  await expect(page.getByLabel("Booking reference")).toHaveValue(traveller.ref);
  await expect(page.getByLabel("Last name")).toHaveValue(traveller.lastName);
  await expect(page.getByRole("group", { name: "Date of birth" }).getByLabel("Year", { exact: true })).toHaveValue(
    traveller.dob.slice(0, 4),
  );
  await page.goBack();

  await page.getByRole("button", { name: "Send a new code" }).click();
  await expect(page).toHaveURL(/\/verify\/code\?resend=sent$/);
  await expect(page.getByText("If these details match, we have sent a new code")).toBeVisible();
  const fresh = await readLatestCode(page, traveller.email!, { exclude: [old] });
  await page.getByLabel("Verification code").fill(fresh);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/my$/);
});
