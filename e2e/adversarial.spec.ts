import { connect } from "node:net";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, readLatestCode, test } from "./fixtures";
import { detailsOf, submitStepOne } from "./fixtures/journey";

// Issue 9's High and Medium findings replayed over HTTP against the production build, served by the portal's own
// server (scripts/portal-server.ts) with TRUSTED_PROXY_HOPS=0, as an attacker would try them.

const WRONG_CODE = "That code didn't work. Check it and try again, or ask for a new one.";
type Typed = { ref: string; lastName: string; dob: string };

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const madeUpRef = () => Array.from({ length: 6 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("");
const wrong = (code: string) => String((Number(code) + 5_000_000_001) % 10_000_000_000).padStart(10, "0");

async function stepOne(request: APIRequestContext, baseURL: string, who: Typed, forwardedFor?: string) {
  const res = await request.post("/api/verify/start", {
    data: detailsOf(who.ref, who.lastName, who.dob),
    headers: {
      origin: baseURL,
      accept: "application/json",
      "content-type": "application/json",
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
    },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { status: string }).status;
}

/** A browser of its own that went through step one: its page is on /verify/code with the challenge cookie. */
async function challenged(browser: Browser, who: Typed): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await submitStepOne(page, who);
  return page;
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel("Verification code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

test("a made-up X-Forwarded-For gets no fresh bucket: the client is the socket", async ({ request, baseURL }) => {
  // The per-(reference, client) limit is 10 in 15 minutes (playwright.config.ts keeps the default).
  const who = { ref: madeUpRef(), lastName: "Spoofer", dob: "1980-01-01" };
  for (let i = 1; i <= 10; i++) expect(await stepOne(request, baseURL!, who, `203.0.113.${i}`)).toBe("ok");
  expect(await stepOne(request, baseURL!, who, "203.0.113.200")).toBe("limited");
  expect(await stepOne(request, baseURL!, who, "not-an-address")).toBe("limited");
  expect(await stepOne(request, baseURL!, who, "::ffff:cb00:71fe")).toBe("limited");
});

test("an older challenge's code stops working once a newer one is sent", async ({ browser, traveller }) => {
  test.slow();
  const who = { ref: traveller.ref, lastName: traveller.lastName, dob: traveller.dob };
  const first = await challenged(browser, who);
  const firstCode = await readLatestCode(first, traveller.email!);
  const second = await challenged(browser, who);
  const secondCode = await readLatestCode(second, traveller.email!, { exclude: [firstCode] });
  await enterCode(first, firstCode);
  await expect(first.getByText(WRONG_CODE).first()).toBeVisible();
  await expect(first).toHaveURL(/\/verify\/code$/);
  await enterCode(second, secondCode);
  await expect(second).toHaveURL(/\/my$/);
});

test("wrong codes across challenges reach the per-person cap; then even the right code gets the same answer", async ({
  browser,
  traveller,
}) => {
  test.slow();
  const who = { ref: traveller.ref, lastName: traveller.lastName, dob: traveller.dob };
  // VERIFY_CODE_LIMIT_PERSON is 10 a day: four wrong codes on each of three challenges (one short of each
  // challenge's own five), each challenge superseding the last.
  const seen: string[] = [];
  let page: Page | undefined;
  let code = "";
  let failures = 0;
  for (let round = 0; round < 3; round++) {
    page = await challenged(browser, who);
    code = await readLatestCode(page, traveller.email!, { exclude: seen });
    seen.push(code);
    const tries = round < 2 ? 4 : 2;
    for (let i = 0; i < tries; i++, failures++) {
      await enterCode(page, wrong(code));
      await expect(page.getByText(WRONG_CODE).first()).toBeVisible();
    }
  }
  expect(failures).toBe(10);
  // The eleventh code is the right one, on a challenge with tries to spare: refused, reading exactly as a wrong code.
  await enterCode(page!, code);
  await expect(page!.getByText(WRONG_CODE).first()).toBeVisible();
  await expect(page!).toHaveURL(/\/verify\/code$/);
  // And the metrics page counted the refusal.
  const metrics = await (await page!.request.get("/api/metrics")).text();
  expect(Number(/^portal_verify_code_capped_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
});

test("the outbox and the metrics answer this machine whatever headers claim; a client cannot claim the socket header", async ({
  request,
}) => {
  const outbox = await request.get("/dev/outbox", { headers: { "x-forwarded-for": "203.0.113.9" } });
  expect(outbox.status()).toBe(200);
  const metrics = await request.get("/api/metrics", {
    headers: { "x-forwarded-for": "203.0.113.9", "x-portal-socket": "203.0.113.9" },
  });
  expect(metrics.status()).toBe(200);
  expect(metrics.headers()["content-type"]).toContain("text/plain");
  expect(await metrics.text()).toMatch(/^# TYPE portal_verify_code_failed_total counter$/m);
});

test("a client trickling its request body is cut off by the server's request timeout", async ({ baseURL }) => {
  const { hostname, port } = new URL(baseURL!);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  let answer = "";
  // The server may reset the connection rather than answer: either way it is closed, which is what counts.
  socket.on("error", () => {});
  socket.on("data", (d) => {
    answer += d.toString("latin1");
  });
  socket.write(
    `POST /api/verify/start HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`,
  );
  // One more byte now and then: the connection must still be closed once the whole request is overdue.
  const trickle = setInterval(() => socket.writable && socket.write(" "), 1_000);
  await new Promise<void>((resolve) => socket.once("close", () => resolve()));
  clearInterval(trickle);
  // Closed without the request ever completing: an answer, if any, is the timeout's 408.
  if (answer) expect(answer).toMatch(/^HTTP\/1\.1 408/);
});
