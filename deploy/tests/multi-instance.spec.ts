import { request as httpRequest } from "node:http";
import { type APIRequestContext, type BrowserContextOptions, expect, test } from "@playwright/test";
import { detailsOf, verifyTraveller } from "../../e2e/fixtures/journey";
import { launchStack, type Stack, upstreamOf } from "./stack";
import { type Cluster, createCluster, throwawayPostgresAvailable } from "./throwaway-postgres";

// Two instances behind nginx with PgBouncer and the worker, exactly as deploy/ lays them out (deploy/run.ts). What
// must hold when any instance may answer any request: the attempt limits are exact across instances, a traveller's
// session works on both, the client address is the one nginx saw, a draining instance says so on /api/health, an
// instance restarted under load loses no GET, and PostgreSQL restarted under them shows the calm outage page, then
// recovers by itself. On PostgreSQL (the instances share it): a throwaway cluster of the run's own (so the restart
// disturbs nobody), or, where initdb is not installed, a scratch database next to DEPLOY_DATABASE_URL without the
// restart test.

test.skip(!!process.env.DEPLOY_SKIP, process.env.DEPLOY_SKIP);
test.describe.configure({ mode: "serial" });

const PORT = Number(process.env.DEPLOY_PORT ?? 3400);
test.use({ baseURL: `http://127.0.0.1:${PORT}` });
let stack: Stack;
let cluster: Cluster | undefined;
/** The verified traveller's cookies, from the session test: the PostgreSQL restart test reuses them. */
let verified: { who: Stack["travellers"]["adult"][number]; state: BrowserContextOptions["storageState"] } | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  if (throwawayPostgresAvailable()) cluster = createCluster(PORT + 10);
  stack = await launchStack({ port: PORT, admin: cluster?.url });
});

test.afterAll(async () => {
  await stack?.stop();
  cluster?.remove();
});

test.afterEach(async ({ browserName: _ }, info) => {
  if (info.status !== info.expectedStatus && stack)
    for (const name of ["nginx", "pgbouncer", "instance-0", "instance-1", "worker"])
      console.error(`--- ${name}\n${stack.deployment.logTail(name, 20)}`);
});

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const madeUpRef = () => Array.from({ length: 6 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("");

/** One step-one attempt as JSON (what the form's script sends): "ok" or "limited", and which instance answered. */
async function stepOne(request: APIRequestContext, ref: string, forwardedFor?: string) {
  const res = await request.post(`${stack.deployment.url}/api/verify/start`, {
    data: detailsOf(ref, "Nobody", "1980-01-01"),
    headers: {
      origin: stack.deployment.url,
      accept: "application/json",
      "content-type": "application/json",
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
    },
  });
  expect(res.status()).toBe(200);
  return { status: ((await res.json()) as { status: string }).status, upstream: upstreamOf(res.headers()) };
}

test("the per-reference limit is exact across both instances: 24 parallel attempts, 10 accepted", async ({
  request,
}) => {
  // VERIFY_LIMIT_REF keeps its production default, 10 per (reference, client) in 15 minutes.
  const ref = madeUpRef();
  const answers = await Promise.all(Array.from({ length: 24 }, () => stepOne(request, ref)));
  expect(new Set(answers.map((a) => a.upstream)).size, "both instances answered").toBe(2);
  expect(answers.filter((a) => a.status === "ok")).toHaveLength(10);
  expect(answers.filter((a) => a.status === "limited")).toHaveLength(14);
});

test("a client cannot pick its bucket with X-Forwarded-For: nginx appends the address it saw", async ({ request }) => {
  const ref = madeUpRef();
  // Ten attempts, each claiming another client address: all one client (127.0.0.1, what nginx appended).
  for (let i = 1; i <= 10; i++) expect((await stepOne(request, ref, `203.0.113.${i}`)).status).toBe("ok");
  expect((await stepOne(request, ref, "203.0.113.77")).status).toBe("limited");
  expect((await stepOne(request, ref, "198.51.100.9, 192.0.2.1")).status).toBe("limited");
  expect((await stepOne(request, ref)).status).toBe("limited");
});

test("a verified traveller's session works on whichever instance answers", async ({ page }) => {
  const who = stack.travellers.adult[0]!;
  // The browser talks to nginx only: each page, step and outbox read may land on either instance.
  const base = stack.deployment.url;
  await verifyTraveller(page, who);
  verified = { who, state: await page.context().storageState() };
  const seen = new Set<string>();
  for (let i = 0; i < 8; i++) {
    const res = await page.request.get(`${base}/my`, { maxRedirects: 0 });
    expect(res.status(), "the session is good on every instance").toBe(200);
    expect(await res.text()).toContain(who.givenName);
    seen.add(upstreamOf(res.headers()));
  }
  expect(seen.size, "both instances served the traveller's page").toBe(2);
  await page.goto(`${base}/my`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(who.givenName);
});

test("a draining instance says 503 on /api/health, finishes, and comes back", async ({ request }) => {
  const target = stack.deployment.instances[1]!;
  expect((await request.get(`${target.url}/api/health`)).status()).toBe(200);
  const stopped = stack.deployment.stopInstance(1);
  // DRAIN_DELAY_MS (1.5 s here): still listening, but not ready.
  await expect
    .poll(async () => (await request.get(`${target.url}/api/health`).catch(() => null))?.status(), { timeout: 1_500 })
    .toBe(503);
  const body = await (await request.get(`${target.url}/api/health`, { headers: { connection: "close" } })).json();
  expect(body).toEqual({ status: "draining" });
  await stopped;
  await expect(request.get(`${target.url}/api/health`)).rejects.toThrow(/ECONNREFUSED/);
  // Meanwhile nginx sends everything to the other instance.
  expect((await request.get(`${stack.deployment.url}/api/health`)).status()).toBe(200);
  await stack.deployment.startInstance(1);
  expect((await request.get(`${target.url}/api/health`)).status()).toBe(200);
});

type Answered = { status: number; upstream: string } | { error: string };

/** A request through nginx on a kept-alive connection (as a browser's), resolving to the status or an error. */
function send(url: string, path: string, json?: unknown): Promise<Answered> {
  return new Promise((resolve) => {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const headers = body
      ? { "content-type": "application/json", accept: "application/json", origin: url }
      : ({} as Record<string, string>);
    const req = httpRequest(`${url}${path}`, { method: body ? "POST" : "GET", headers }, (res) => {
      res.resume();
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, upstream: String(res.headers["x-portal-upstream"] ?? "") }),
      );
    });
    req.on("error", (err) => resolve({ error: err.message }));
    req.end(body);
  });
}
const get = (url: string, path: string) => send(url, path);

/** Of two requests sent together, the one still waiting once the other is answered (the stopped instance's). */
async function theStuckOne(pair: [Promise<Answered>, Promise<Answered>]): Promise<{ stuck: Promise<Answered> }> {
  const first = await Promise.race(pair.map((p, i) => p.then(() => i)));
  // Wrapped: an async function returning the promise itself would wait for it.
  return { stuck: pair[1 - first]! };
}

test("a request stuck on an instance that dies: a GET is retried on the other, a POST never", async () => {
  test.setTimeout(90_000);
  const base = stack.deployment.url;
  const frozen = stack.deployment.instances[0]!;
  // Frozen, instance 0 still accepts connections (the kernel does) but answers nothing: whatever nginx hands it
  // waits. Round robin hands it one of each pair.
  process.kill(frozen.pid()!, "SIGSTOP");
  const step = detailsOf(madeUpRef(), "Nobody", "1980-01-01");
  const post = await theStuckOne([send(base, "/api/verify/start", step), send(base, "/api/verify/start", step)]);
  const getting = await theStuckOne([get(base, "/api/ping"), get(base, "/api/ping")]);
  // It dies with both requests sent to it: nginx reads an error instead of a response.
  await stack.deployment.stopInstance(0, "SIGKILL");
  const other = `127.0.0.1:${stack.deployment.instances[1]!.port}`;
  expect(await getting.stuck, "the GET is answered by the other instance").toEqual({
    status: 200,
    upstream: `127.0.0.1:${frozen.port}, ${other}`,
  });
  // The POST may already have been counted by the instance that died: nginx answers 502 rather than send it again.
  expect(await post.stuck).toEqual({ status: 502, upstream: `127.0.0.1:${frozen.port}` });
  await stack.deployment.startInstance(0);
});

test("an instance restarted under load loses no GET: nginx retries them on the other one", async () => {
  test.setTimeout(120_000);
  const base = stack.deployment.url;
  const results: Awaited<ReturnType<typeof get>>[] = [];
  let running = true;
  // Four clients, each sending the next request when the last is answered: the public page (server-rendered, a
  // database read) and the trivial route, alternately.
  const clients = Array.from({ length: 4 }, async (_, c) => {
    for (let i = 0; running; i++) results.push(await get(base, (i + c) % 2 ? "/verify" : "/api/ping"));
  });
  const waitFor = async (n: number) => {
    // Polls the clients' shared tally: nothing to subscribe to.
    while (results.length < n) await new Promise((r) => setTimeout(r, 50));
  };
  await waitFor(20);
  const before = results.length;
  await stack.deployment.stopInstance(0);
  const whileDown = results.length;
  await stack.deployment.startInstance(0);
  const restarted = results.length;
  // nginx leaves an instance that failed alone for fail_timeout (2 s), then tries it again.
  const first = `127.0.0.1:${stack.deployment.instances[0]!.port}`;
  await expect
    .poll(() => results.slice(restarted).some((r) => "upstream" in r && r.upstream === first), { timeout: 10_000 })
    .toBe(true);
  await waitFor(results.length + 20);
  running = false;
  await Promise.all(clients);

  const failures = results.filter((r) => "error" in r || r.status !== 200);
  expect(failures, "every GET answered 200").toEqual([]);
  expect(whileDown - before, "requests kept flowing while instance 0 drained and stopped").toBeGreaterThan(0);
  const upstreams = new Set(results.map((r) => ("upstream" in r ? r.upstream : "")));
  expect(upstreams.size, "both instances served").toBeGreaterThanOrEqual(2);
});

const OUTAGE = "This page is not available right now";

test("PostgreSQL restarts: the calm outage page meanwhile, then every instance recovers within 10 s", async ({
  browser,
  baseURL,
}) => {
  test.skip(
    !cluster,
    "PostgreSQL's initdb and pg_ctl are not installed (PG_BIN_DIR): no cluster of our own to restart",
  );
  test.setTimeout(90_000);
  // The session test's traveller (or, when run alone, another one verified here).
  const page = await (await browser.newContext({ baseURL, storageState: verified?.state })).newPage();
  const who = verified?.who ?? stack.travellers.adult[1]!;
  if (!verified) await verifyTraveller(page, who);
  await page.goto("/my");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(who.givenName);

  cluster!.stop();
  // Both instances (nginx alternates): the outage page each time, never an answer about the traveller.
  for (let i = 0; i < 4; i++) {
    await page.goto("/my");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(OUTAGE);
    await expect(page.getByText(who.givenName)).toHaveCount(0);
  }

  cluster!.start();
  const restarted = Date.now();
  // Recovered: four answers in a row (each instance twice) show the traveller's page.
  let inARow = 0;
  while (inARow < 4) {
    const res = await page.request.get("/my", { maxRedirects: 0 });
    const body = await res.text();
    const recovered = res.status() === 200 && body.includes(who.givenName) && !body.includes(OUTAGE);
    inARow = recovered ? inARow + 1 : 0;
    expect(Date.now() - restarted, "recovered within 10 s of PostgreSQL's restart").toBeLessThan(10_000);
    if (!recovered) await new Promise((r) => setTimeout(r, 200));
  }
  await page.goto("/my");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(who.givenName);
  await page.context().close();
});
