import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { encodeToken } from "@/lib/auth/token-codec";

// A database outage as a traveller lives it, on the production build: a second portal server (the run's build,
// scripts/portal-server.ts as `npm start` runs it) whose DATABASE_URL points at a PostgreSQL port where nothing
// listens. A traveller with a valid session cookie (sealed with that server's AUTH_SECRET: the cookie alone opens
// nothing, every page checks it against the database, which is the part that fails) opens /my: the guarding layout's
// database read fails and the traveller's outage page answers, in the page's language first, the other language after
// it marked with `lang`, with the support phone (SUPPORT_PHONE: the database cannot give it). A public page falls to
// the root error page, language-aware too.

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const axe = async (page: Page) => (await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const secret = randomBytes(32).toString("base64url");
const dir = mkdtempSync(join(tmpdir(), "portal-outage-"));
let server: ChildProcess | undefined;
let baseURL = "";
/** The outage server's log (its failing queries), drained so a full pipe never stalls it; shown if it dies. */
let serverLog = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const [port, deadPort] = [await freePort(), await freePort()];
  baseURL = `http://127.0.0.1:${port}`;
  server = spawn("node_modules/.bin/tsx", ["scripts/portal-server.ts", "--port", String(port), "--host", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      APP_ENV: "development",
      NEXT_DIST_DIR: ".next-e2e",
      DATABASE_URL: `postgres://portal@127.0.0.1:${deadPort}/portal`,
      DB_CONNECT_TIMEOUT: "1",
      AUTH_SECRET: secret,
      ENCRYPTION_KEYS: `o1:${randomBytes(32).toString("base64")}`,
      ENCRYPTION_KEY_ID: "o1",
      BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
      DEV_SECRETS_DIR: dir,
      SUPPORT_PHONE: "1-888-555-0199",
      SMTP_URL: "",
      TRUSTED_PROXY_HOPS: "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  server.stderr?.on("data", (d) => {
    serverLog = (serverLog + d).slice(-20_000);
  });
  // Ready when it answers /api/ping (which needs no database).
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the outage server exited (${server.exitCode}):\n${serverLog}`);
    const ok = await fetch(`${baseURL}/api/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A browser on the outage server with a valid traveller session cookie, in `lang`. */
async function signedInPage(browser: Browser, lang: "en" | "fr", viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL, viewport });
  const token = await encodeToken({
    token: { personId: 1, bookingId: 1, incidentId: "outage", epoch: 0, authAt: Math.floor(Date.now() / 1000) },
    secret,
    salt: "portal.session",
    maxAge: 15 * 60,
  });
  await context.addCookies([
    { name: "portal.session", value: token, url: baseURL, httpOnly: true, sameSite: "Lax" },
    { name: "lang", value: lang, url: baseURL },
  ]);
  return context.newPage();
}

test("a traveller page in French: the outage page in French first, then English, with the phone", async ({
  browser,
}) => {
  const page = await signedInPage(browser, "fr", { width: 390, height: 844 });
  await page.goto("/my");
  const alert = page.getByRole("alert", { name: "Cette page n’est pas disponible pour le moment" });
  await expect(alert).toBeVisible();
  await expect(page.locator('[lang="fr"]').getByRole("heading", { level: 1 })).toHaveText(
    "Cette page n’est pas disponible pour le moment",
  );
  // The English version comes after, marked as English.
  await expect(page.locator('[lang="en"]').getByRole("heading", { level: 2 })).toHaveText(
    "This page is not available right now",
  );
  // The phone, formatted for each language, as a link that dials it.
  await expect(page.getByRole("link", { name: "1 888 555-0199" })).toHaveAttribute("href", "tel:+18885550199");
  await expect(page.getByRole("link", { name: "1-888-555-0199" })).toHaveAttribute("href", "tel:+18885550199");
  await expect(alert).toContainText("Le problème vient de notre côté.");
  await expect(page.getByRole("button", { name: "Réessayer · Try again" })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  // Trying again while the database is still down shows the same calm page.
  await page.getByRole("button", { name: "Réessayer · Try again" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cette page n’est pas disponible pour le moment");
  await page.context().close();
});

test("a traveller page in English: English first, then French", async ({ browser }) => {
  const page = await signedInPage(browser, "en");
  await page.goto("/my/companions");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This page is not available right now");
  await expect(
    page.getByRole("heading", { level: 2, name: "Cette page n’est pas disponible pour le moment" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "1-888-555-0199" })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.context().close();
});

test("a public page in French falls to the root error page, French first", async ({ browser }) => {
  const page = await signedInPage(browser, "fr");
  await page.goto("/");
  await expect(page.locator('[lang="fr"]').getByRole("heading", { level: 1 })).toHaveText("Un problème est survenu");
  await expect(page.locator('[lang="en"]').getByRole("heading", { level: 2 })).toHaveText("Something went wrong");
  expect(await axe(page)).toEqual([]);
  await page.context().close();
});
