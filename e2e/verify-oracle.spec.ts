import type { APIRequestContext } from "@playwright/test";
import { expect, readLatestCode, test } from "./fixtures";
import { detailsOf, postStepOne, stepOneUrl } from "./fixtures/journey";

// The existence oracle, over HTTP against the built app: step one for a real traveller and for a made-up booking
// must answer identically (status, headers, body), apart from values that are random or time-dependent anyway
// (CSP nonce, the challenge cookie's id, Date/Expires). Step one is posted both ways the browser posts it: as a
// plain form without JavaScript (urlencoded, to the form's action), and as JSON the way the page's script does.

/** Header values with their random and time-dependent parts replaced. */
function normalise(headers: { name: string; value: string }[]) {
  return headers
    .map(({ name, value }) => ({
      name: name.toLowerCase(),
      value: value
        .replace(/'nonce-[A-Za-z0-9+/=]+'/g, "'nonce-…'")
        // What was typed, sealed with a random IV (lib/verification/typed-details.ts): the same for any match.
        .replace(/^portal\.verify-typed=v1\.[\w.-]+;/, "portal.verify-typed=<sealed>;")
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
        .replace(/\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT/g, "<date>"),
    }))
    .filter((h) => h.name !== "date" && h.name !== "keep-alive" && h.name !== "connection")
    .sort((a, b) => a.name.localeCompare(b.name) || a.value.localeCompare(b.value));
}

/**
 * A page's HTML with its nonce (wherever it appears: attributes, the React payload), any uuid and what was typed
 * (`typed`: the code page shows it back) replaced.
 */
async function pageWithoutNonce(request: APIRequestContext, path: string, typed: string[] = []): Promise<string> {
  const res = await request.get(path);
  const nonce = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce, "every page carries a CSP nonce").toBeTruthy();
  let html = await res.text();
  for (const t of typed) html = html.replaceAll(t, "<typed>");
  return html
    .replaceAll(nonce!, "<nonce>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>");
}

/**
 * A page as two parts to compare: its markup without inline scripts, and the rows of the React Server Components
 * payload (the `self.__next_f.push([1, "…"])` scripts) in sorted order. React streams those rows as each part of the
 * page is ready, so their order depends on timing (seen on a busy CI machine), never on the data: comparing them as
 * a set keeps every byte of content in the comparison without failing on the order.
 */
function canonicalPage(html: string): { markup: string; rows: string[] } {
  const payload = [...html.matchAll(/self\.__next_f\.push\(\[1,"((?:[^"\\]|\\.)*)"\]\)/g)].map((m) => m[1]).join("");
  return {
    markup: html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "<script>"),
    rows: payload.split("\\n").sort(),
  };
}

for (const as of ["form", "json"] as const) {
  test(`step one answers an existing and a non-existent booking identically (${as})`, async ({
    playwright,
    baseURL,
    traveller,
  }) => {
    const fresh = () => playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "en-CA" } });
    const [a, b] = [await fresh(), await fresh()];
    const url = await stepOneUrl(a);
    const net = as === "form" ? 10 : 12;
    // The made-up booking first, then the real one: resolving runs in arrival order, so once the real traveller's
    // code is in the outbox both have been resolved.
    const fake = await postStepOne(
      b,
      url,
      baseURL!,
      detailsOf("ZZZ9ZZ", traveller.lastName, traveller.dob),
      `198.18.${net}.2`,
      as,
    );
    const real = await postStepOne(
      a,
      url,
      baseURL!,
      detailsOf(traveller.ref, traveller.lastName, traveller.dob),
      `198.18.${net}.1`,
      as,
    );

    if (as === "form") {
      expect(real.status).toBe(303);
      expect(real.headers.find((h) => h.name.toLowerCase() === "location")?.value).toBe("/verify/code");
    } else {
      expect(real.status).toBe(200);
      expect(JSON.parse(real.body)).toEqual({ status: "ok", redirectTo: "/verify/code" });
    }
    const cookie = real.headers.find((h) => h.name.toLowerCase() === "set-cookie")?.value ?? "";
    expect(cookie).toMatch(/^portal\.verify=[0-9a-f-]{36};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie.toLowerCase()).toContain("samesite=lax");

    expect(fake.status).toBe(real.status);
    expect(fake.body).toBe(real.body);
    expect(normalise(fake.headers)).toEqual(normalise(real.headers));

    // The page that follows says the same thing to both, once matching (after the response) has happened: wait
    // for its visible effect, the real traveller's code in the outbox.
    await readLatestCode(a, traveller.email!);
    const [pageA, pageB] = [
      await pageWithoutNonce(a, "/verify/code", [traveller.ref]),
      await pageWithoutNonce(b, "/verify/code", ["ZZZ9ZZ"]),
    ];
    expect(pageA).toContain("If these details match, we have sent a code to the contact details on file.");
    expect(pageA).toContain("You entered");
    expect(canonicalPage(pageB)).toEqual(canonicalPage(pageA));
    // The comparison sees the payload: the page's own text is in its rows.
    expect(canonicalPage(pageA).rows.join("")).toContain("If these details match");
    await a.dispose();
    await b.dispose();
  });
}

test("a wrong date of birth and a traveller with no email get the same answer as a match", async ({
  playwright,
  baseURL,
  traveller,
  claimTraveller,
}) => {
  const noEmail = claimTraveller("noEmail");
  const fresh = () => playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "en-CA" } });
  const contexts = [await fresh(), await fresh(), await fresh()];
  const url = await stepOneUrl(contexts[0]!);
  const answers = [
    await postStepOne(
      contexts[0]!,
      url,
      baseURL!,
      detailsOf(traveller.ref, traveller.lastName, traveller.dob),
      "198.18.11.1",
      "form",
    ),
    await postStepOne(
      contexts[1]!,
      url,
      baseURL!,
      detailsOf(traveller.ref, traveller.lastName, "1901-01-01"),
      "198.18.11.2",
      "form",
    ),
    await postStepOne(
      contexts[2]!,
      url,
      baseURL!,
      detailsOf(noEmail.ref, noEmail.lastName, noEmail.dob),
      "198.18.11.3",
      "form",
    ),
  ];
  for (const other of answers.slice(1)) {
    expect(other.status).toBe(answers[0]!.status);
    expect(other.body).toBe(answers[0]!.body);
    expect(normalise(other.headers)).toEqual(normalise(answers[0]!.headers));
  }
  for (const c of contexts) await c.dispose();
});

test("step one refuses a post from another site", async ({ request, baseURL, traveller }) => {
  const url = await stepOneUrl(request);
  const res = await request.post(url, {
    form: detailsOf(traveller.ref, traveller.lastName, traveller.dob),
    maxRedirects: 0,
    headers: { origin: "https://attacker.example", "x-forwarded-for": "198.18.13.1" },
  });
  expect(res.status()).toBe(403);
  expect(res.headers()["set-cookie"]).toBeUndefined();
  void baseURL;
});

test("step one refuses an oversized body, however it is sent", async ({ request, baseURL }) => {
  const url = await stepOneUrl(request);
  const big = detailsOf("ABC123", "x".repeat(20_000), "1980-01-01");
  const res = await request.post(url, {
    form: big,
    maxRedirects: 0,
    headers: { origin: baseURL!, "x-forwarded-for": "198.18.14.1" },
  });
  expect(res.status()).toBe(413);
  expect(res.headers()["set-cookie"]).toBeUndefined();
});
