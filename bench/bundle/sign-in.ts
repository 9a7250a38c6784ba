import { cookieHeader, type Field, formActionUrl, getPage, hiddenFormFields, postForm } from "../lookup/forms";

// Signs the demo bundle's first traveller in through the real journey, over HTTP as a browser without JavaScript
// does: step one, the code read off the development outbox page (/dev/outbox, open to this machine in
// development), step two. Returns the cookies each signed-in stage needs.

export type DemoTraveller = { bookingRef: string; lastName: string; dateOfBirth: string; email: string };

/** Émilie Côté (demo/bundle/people.csv): a booker with companions, a minor among them, and an email on file. */
export const DEMO_TRAVELLER: DemoTraveller = {
  bookingRef: "5BAPB6",
  lastName: "Côté",
  dateOfBirth: "1984-03-14",
  email: "emilie.cote@example.ca",
};

/**
 * The step-one fields, by the names the form on the page has: one ISO date field, or separate day, month and
 * year boxes (whichever the form is written with).
 */
function detailsFields(html: string, t: DemoTraveller): Field[] {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/gi)]
    .map((m) => m[0])
    .find((f) => f.includes('name="bookingRef"'));
  if (!form) throw new Error("no step-one form on /verify");
  const [year, month, day] = t.dateOfBirth.split("-") as [string, string, string];
  const names = [...form.matchAll(/<input\b[^>]*\sname="([^"]+)"[^>]*>/gi)]
    .filter((m) => !/type="hidden"/i.test(m[0]))
    .map((m) => m[1]!);
  return names.map((name): Field => {
    if (name === "bookingRef") return [name, t.bookingRef];
    if (name === "lastName") return [name, t.lastName];
    if (name === "dateOfBirth") return [name, t.dateOfBirth];
    if (/day/i.test(name)) return [name, day];
    if (/month/i.test(name)) return [name, month];
    if (/year/i.test(name)) return [name, year];
    throw new Error(`the step-one form has a field "${name}" this benchmark does not know how to fill`);
  });
}

async function waitForCode(base: string, email: string, before: Set<string>): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const page = await getPage(base, `/dev/outbox?to=${encodeURIComponent(email)}`);
    if (page.status !== 200) throw new Error(`GET /dev/outbox answered ${page.status}`);
    const codes = [...page.body.matchAll(/data-testid="outbox-code"[^>]*>(\d{10})</g)].map((m) => m[1]!);
    const fresh = codes.find((c) => !before.has(c));
    if (fresh) return fresh;
    if (Date.now() > deadline) throw new Error("no verification code in the development outbox after 30 s");
    await new Promise((r) => setTimeout(r, 200));
  }
}

const outboxCodes = async (base: string, email: string) =>
  new Set(
    [
      ...(await getPage(base, `/dev/outbox?to=${encodeURIComponent(email)}`)).body.matchAll(
        /data-testid="outbox-code"[^>]*>(\d{10})</g,
      ),
    ].map((m) => m[1]!),
  );

/**
 * Step one, then `onCodePage` with the challenge cookie (the code page exists only while the challenge is open),
 * then step two. Returns the session cookie for /my and its sub-pages.
 */
export async function signIn(
  base: string,
  t: DemoTraveller,
  onCodePage: (cookie: string) => Promise<void>,
): Promise<string> {
  const before = await outboxCodes(base, t.email);
  const form = await getPage(base, "/verify");
  if (form.status !== 200) throw new Error(`GET /verify answered ${form.status}`);
  const one = await postForm(base, formActionUrl(form.body, "bookingRef", "/verify"), [
    ...hiddenFormFields(form.body, "bookingRef"),
    ...detailsFields(form.body, t),
  ]);
  if (one.status !== 303 || !one.location?.startsWith("/verify/code"))
    throw new Error(`step one answered ${one.status} → ${one.location ?? "(no location)"}`);
  const challenge = cookieHeader(one.cookies);
  if (!challenge) throw new Error("step one set no challenge cookie");

  // The code page is measured while the challenge is open: step two ends it.
  await onCodePage(challenge);
  const code = await waitForCode(base, t.email, before);
  const codePage = await getPage(base, "/verify/code", challenge);
  const two = await postForm(
    base,
    "/verify/code",
    [...hiddenFormFields(codePage.body, "code", { serverAction: true }), ["code", code]],
    challenge,
  );
  if (two.status !== 303 || two.location !== "/my")
    throw new Error(`step two answered ${two.status} → ${two.location ?? "(no location)"}`);
  const session = new Map([...two.cookies].filter(([k]) => k.endsWith("portal.session")));
  if (session.size === 0) throw new Error("step two set no session cookie");
  return cookieHeader(session);
}
