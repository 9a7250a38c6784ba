import "server-only";
import type { Database } from "@/db/client";
import { CATEGORY_NAMES } from "@/lib/catalogue/categories";
import { readDevOutbox } from "@/lib/mail/outbox";
import { cookieHeader, dateOfBirthFields, formActionUrl, getPage, hiddenFormFields, postForm } from "./forms";
import type { BenchTraveller } from "./travellers";

// Signs one traveller in through the real journey, over HTTP like a browser without JavaScript: step one, the
// code from the development outbox (read from the database and decrypted, as /dev/outbox does), step two.
// Returns the session cookie for the exposure page and the category names that page must show.

export type SignedIn = { cookie: string; pageMarkers: string[]; pageBytes: number };

/** The code in the newest message to `email` queued since `since` (a reused database holds older ones). */
async function waitForCode(db: Database, email: string, since: number, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mine = (await readDevOutbox(db, 50)).filter(
      (m) =>
        m.kind === "verification_code" &&
        m.to.toLowerCase() === email.toLowerCase() &&
        Date.parse(m.createdAt) >= since,
    );
    const code = mine.map((m) => /(?<!\d)\d{10}(?!\d)/.exec(m.text)?.[0]).find(Boolean);
    if (code) return code;
    if (Date.now() > deadline)
      throw new Error(`no verification code for the sign-in traveller after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function signIn(base: string, db: Database, t: BenchTraveller): Promise<SignedIn> {
  const since = Date.now() - 1000;
  const form = await getPage(base, "/verify");
  if (form.status !== 200) throw new Error(`GET /verify answered ${form.status}`);
  const one = await postForm(base, formActionUrl(form.body, "bookingRef", "/verify"), [
    ...hiddenFormFields(form.body, "bookingRef"),
    ["bookingRef", t.bookingRef],
    ["lastName", t.lastName],
    ...dateOfBirthFields(t.dateOfBirth),
  ]);
  if (one.status !== 303 || !one.location?.startsWith("/verify/code"))
    throw new Error(`step one answered ${one.status} → ${one.location ?? "(no location)"}`);
  const challenge = cookieHeader(one.cookies);
  if (!challenge) throw new Error("step one set no challenge cookie");

  const code = await waitForCode(db, t.email, since, 30_000);
  const codePage = await getPage(base, "/verify/code", challenge);
  if (codePage.status !== 200) throw new Error(`GET /verify/code answered ${codePage.status}`);
  const two = await postForm(
    base,
    "/verify/code",
    [...hiddenFormFields(codePage.body, "code", { serverAction: true }), ["code", code]],
    challenge,
  );
  if (two.status !== 303 || two.location !== "/my")
    throw new Error(`step two answered ${two.status} → ${two.location ?? "(no location)"}`);
  const session = [...two.cookies].filter(([k]) => k.endsWith("portal.session"));
  if (session.length === 0) throw new Error("step two set no session cookie");
  const cookie = cookieHeader(new Map(session));

  const my = await getPage(base, "/my", cookie);
  const markers = Object.values(CATEGORY_NAMES)
    .map((n) => n.en)
    .filter((n) => my.body.includes(n));
  if (my.status !== 200 || markers.length === 0)
    throw new Error(`GET /my answered ${my.status} without any exposure category`);
  return { cookie, pageMarkers: markers, pageBytes: Buffer.byteLength(my.body) };
}
