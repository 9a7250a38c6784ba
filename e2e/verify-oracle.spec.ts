import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";

// The existence oracle, over HTTP against the built app: step one for a real traveller and for a made-up booking
// must answer identically (status, headers, body), apart from values that are random or time-dependent anyway
// (CSP nonce, the challenge cookie's id, Date/Expires). The form is posted the way a browser without JavaScript
// posts it (multipart, with the action fields React renders into the form), which is also what a script would do.

/** The hidden fields React renders into the step-one form for a no-JavaScript submit. */
async function stepOneFields(request: APIRequestContext): Promise<[string, string][]> {
  const html = await (await request.get("/verify")).text();
  const start = html.indexOf("<form noValidate");
  expect(start, "the step-one form is on /verify").toBeGreaterThan(-1);
  const form = html.slice(start, html.indexOf("</form>", start));
  const unescape = (s: string) => s.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&");
  return [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map((m) => [m[1]!, unescape(m[2] ?? "")]);
}

type Details = { bookingRef: string; lastName: string; dateOfBirth: string };

async function postStepOne(request: APIRequestContext, baseURL: string, fields: [string, string][], details: Details, ip: string) {
  const multipart: Record<string, string> = Object.fromEntries(fields);
  Object.assign(multipart, details);
  const res = await request.post("/verify", {
    multipart,
    maxRedirects: 0,
    // Each call its own client address, so neither answer is shaped by the other's per-IP count.
    headers: { origin: baseURL, "x-forwarded-for": ip },
  });
  return { status: res.status(), headers: res.headersArray(), body: await res.text() };
}

/** Header values with their random and time-dependent parts replaced. */
function normalise(headers: { name: string; value: string }[]) {
  return headers
    .map(({ name, value }) => ({
      name: name.toLowerCase(),
      value: value
        .replace(/'nonce-[A-Za-z0-9+/=]+'/g, "'nonce-…'")
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
        .replace(/\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT/g, "<date>"),
    }))
    .filter((h) => h.name !== "date" && h.name !== "keep-alive" && h.name !== "connection")
    .sort((a, b) => a.name.localeCompare(b.name) || a.value.localeCompare(b.value));
}

/** A page's HTML with its nonce (wherever it appears: attributes, the React payload) and any uuid replaced. */
async function pageWithoutNonce(request: APIRequestContext, path: string): Promise<string> {
  const res = await request.get(path);
  const nonce = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce, "every page carries a CSP nonce").toBeTruthy();
  return (await res.text()).replaceAll(nonce!, "<nonce>").replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>");
}

test("step one answers an existing and a non-existent booking identically", async ({ playwright, baseURL, traveller }) => {
  const fresh = () => playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "en-CA" } });
  const [a, b] = [await fresh(), await fresh()];
  const fields = await stepOneFields(a);
  const real = await postStepOne(a, baseURL!, fields, { bookingRef: traveller.ref, lastName: traveller.lastName, dateOfBirth: traveller.dob }, "198.18.10.1");
  const fake = await postStepOne(b, baseURL!, fields, { bookingRef: "ZZZ9ZZ", lastName: traveller.lastName, dateOfBirth: traveller.dob }, "198.18.10.2");

  expect(real.status).toBe(303);
  expect(real.headers.find((h) => h.name.toLowerCase() === "location")?.value).toBe("/verify/code");
  const cookie = real.headers.find((h) => h.name.toLowerCase() === "set-cookie")?.value ?? "";
  expect(cookie).toMatch(/^portal\.verify=[0-9a-f-]{36};/);
  expect(cookie).toContain("HttpOnly");
  expect(cookie.toLowerCase()).toContain("samesite=lax");

  expect(fake.status).toBe(real.status);
  expect(fake.body).toBe(real.body);
  expect(normalise(fake.headers)).toEqual(normalise(real.headers));

  // The page that follows says the same thing to both (matching runs after the response; give it time to).
  await new Promise((r) => setTimeout(r, 1000));
  const [pageA, pageB] = [await pageWithoutNonce(a, "/verify/code"), await pageWithoutNonce(b, "/verify/code")];
  expect(pageA).toContain("If these details match a traveller, we have sent a code to the contact details on file.");
  expect(pageB).toBe(pageA);
  await a.dispose();
  await b.dispose();
});

test("a wrong date of birth and a traveller with no email get the same answer as a match", async ({ playwright, baseURL, traveller, claimTraveller }) => {
  const noEmail = claimTraveller("noEmail");
  const fresh = () => playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "en-CA" } });
  const contexts = [await fresh(), await fresh(), await fresh()];
  const fields = await stepOneFields(contexts[0]!);
  const answers = [
    await postStepOne(contexts[0]!, baseURL!, fields, { bookingRef: traveller.ref, lastName: traveller.lastName, dateOfBirth: traveller.dob }, "198.18.11.1"),
    await postStepOne(contexts[1]!, baseURL!, fields, { bookingRef: traveller.ref, lastName: traveller.lastName, dateOfBirth: "1901-01-01" }, "198.18.11.2"),
    await postStepOne(contexts[2]!, baseURL!, fields, { bookingRef: noEmail.ref, lastName: noEmail.lastName, dateOfBirth: noEmail.dob }, "198.18.11.3"),
  ];
  for (const other of answers.slice(1)) {
    expect(other.status).toBe(answers[0]!.status);
    expect(other.body).toBe(answers[0]!.body);
    expect(normalise(other.headers)).toEqual(normalise(answers[0]!.headers));
  }
  for (const c of contexts) await c.dispose();
});
