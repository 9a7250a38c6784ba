// Plain HTTP versions of what a browser without JavaScript does with the verification forms: read the form's
// action and hidden fields out of the server-rendered page, post them encoded as the browser would (urlencoded for
// a plain form, multipart for a server-action form), and follow cookies by hand.

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e.toLowerCase()] ?? m),
  );

export type Field = [name: string, value: string];

/** Step one's Day, Month and Year boxes for a YYYY-MM-DD date of birth, as a person types them ("14", "3", "1984"). */
export function dateOfBirthFields(isoDate: string): Field[] {
  const [year = "", month = "", day = ""] = isoDate.split("-");
  return [
    ["dobDay", String(Number(day))],
    ["dobMonth", String(Number(month))],
    ["dobYear", year],
  ];
}

const formWith = (html: string, field: string): string => {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/gi)]
    .map((m) => m[0])
    .find((f) => f.includes(`name="${field}"`));
  if (!form) throw new Error(`no <form> with a "${field}" field in the page`);
  return form;
};

/**
 * Where the form that has an input named `field` posts: its action attribute, or `page` for a server-action form
 * (React leaves the attribute out and posts to the page itself).
 */
export function formActionUrl(html: string, field: string, page: string): string {
  const action = /^<form\b[^>]*\saction="([^"]*)"/i.exec(formWith(html, field))?.[1];
  return action ? decode(action) : page;
}

/**
 * The hidden inputs of the form that has an input named `field` (React puts a server action's $ACTION_… fields
 * there; the layout has forms of its own, such as the language switch). `serverAction` insists on those fields.
 */
export function hiddenFormFields(html: string, field: string, opts: { serverAction?: boolean } = {}): Field[] {
  const form = formWith(html, field);
  const fields: Field[] = [];
  for (const m of form.matchAll(/<input\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi)) {
    const attrs = m[1]!;
    const attr = (n: string) => new RegExp(`\\s${n}="([^"]*)"`, "i").exec(attrs)?.[1];
    if (attr("type")?.toLowerCase() !== "hidden") continue;
    const name = attr("name");
    if (name) fields.push([decode(name), decode(attr("value") ?? "")]);
  }
  if (opts.serverAction && !fields.some(([n]) => n.startsWith("$ACTION")))
    throw new Error("the form has no $ACTION fields (not a server-action form?)");
  return fields;
}

export const BOUNDARY = "----benchLookupBoundary7MA4YWxkTrZu0gW";
export const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

/** A multipart/form-data body, as a browser encodes a form without files. */
export function multipartBody(fields: Field[]): Buffer {
  let s = "";
  for (const [name, value] of fields) {
    s += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, "%22")}"\r\n\r\n${value}\r\n`;
  }
  return Buffer.from(`${s}--${BOUNDARY}--\r\n`, "utf8");
}

/** name=value pairs from a response's Set-Cookie headers (only those with a value; a cleared cookie is dropped). */
export function cookiesFrom(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    if (eq > 0 && eq < pair!.length - 1) out.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
  return out;
}

export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** An application/x-www-form-urlencoded body, as a browser encodes a form with no enctype. */
export const urlencodedBody = (fields: Field[]): Buffer => Buffer.from(new URLSearchParams(fields).toString(), "utf8");
export const URLENCODED = "application/x-www-form-urlencoded";

/** How a browser encodes this form: React's server-action forms are multipart, a plain form is urlencoded. */
export const encodeForm = (fields: Field[]): { contentType: string; body: Buffer } =>
  fields.some(([n]) => n.startsWith("$ACTION"))
    ? { contentType: MULTIPART, body: multipartBody(fields) }
    : { contentType: URLENCODED, body: urlencodedBody(fields) };

export type FormPost = { status: number; location: string | null; cookies: Map<string, string>; body: string };

/** Posts a form the way a browser without JavaScript does (same-origin, no redirect following). */
export async function postForm(base: string, path: string, fields: Field[], cookie = ""): Promise<FormPost> {
  const { contentType, body } = encodeForm(fields);
  const res = await fetch(new URL(path, base), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": contentType, origin: base, accept: "text/html", ...(cookie ? { cookie } : {}) },
    body: new Uint8Array(body),
  });
  return {
    status: res.status,
    location: res.headers.get("location"),
    cookies: cookiesFrom(res),
    body: await res.text(),
  };
}

export async function getPage(
  base: string,
  path: string,
  cookie = "",
): Promise<{ status: number; body: string; location: string | null }> {
  const res = await fetch(new URL(path, base), {
    redirect: "manual",
    headers: { accept: "text/html", ...(cookie ? { cookie } : {}) },
  });
  return { status: res.status, body: await res.text(), location: res.headers.get("location") };
}
