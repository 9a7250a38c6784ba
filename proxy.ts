import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import NextAuth from "next-auth";
import { agentSessionConfig } from "@/lib/auth/agent-config";
import { REFRESH_AFTER_SECONDS } from "@/lib/auth/policy";
import { decodeToken } from "@/lib/auth/token-codec";
import { travellerSessionConfig } from "@/lib/auth/traveller-config";
import { env } from "@/lib/env";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/request-id";

// Runs before every page request and server action (Next 16 "proxy", formerly middleware). Three jobs:
//  1. Security headers decided at run time: a per-request nonce and a strict Content-Security-Policy (Next.js reads
//     the nonce from the request's CSP header and puts it on its own scripts), HSTS in production. The static
//     headers (nosniff, referrer policy, and /api's policy that allows nothing) come from next.config.ts.
//  2. Sliding idle timeout, on pages only: when a session cookie is present (the traveller's; on /agent pages
//     also the agent's), next-auth's auth wrapper reads it through that audience's configuration (signature,
//     idle expiry, absolute timeout: lib/auth/session-config.ts) and re-issues it with a fresh idle expiry, or
//     clears it when it is no longer valid. Only the session cookie is passed on: the CSRF and callback-URL
//     cookies next-auth's session read also writes are dropped (nothing here uses them).
//  3. The request's id (lib/request-id.ts), for the log lines and audit events the request causes, and echoed in
//     the response's X-Request-Id.
// It is never the authorization check: pages and actions check the session against the database themselves
// (lib/auth/traveller.ts, lib/auth/agent.ts), because a matcher or a moved action can silently skip the proxy.

const audiences = [
  { config: travellerSessionConfig, wrap: NextAuth(() => travellerSessionConfig()).auth, onlyUnder: "/" },
  { config: agentSessionConfig, wrap: NextAuth(() => agentSessionConfig()).auth, onlyUnder: "/agent" },
];

function contentSecurityPolicy(nonce: string, opts: { dev: boolean; production: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script are trusted; hosts and 'self' are ignored by CSP3 browsers.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // The dev overlay injects styles without a nonce; production styles are files or nonced by Next.js.
    opts.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.production ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

const HSTS = "max-age=63072000; includeSubDomains";

const isUnder = (path: string, prefix: string) => prefix === "/" || path === prefix || path.startsWith(`${prefix}/`);

/** Keeps, of the Set-Cookie headers, only those for the given session cookie names (and any set before). */
function keepSessionCookies(response: Response, before: string[], sessionNames: string[]): Response {
  const kept = response.headers
    .getSetCookie()
    .filter((c) => before.includes(c) || sessionNames.some((n) => c.startsWith(`${n}=`)));
  response.headers.delete("set-cookie");
  for (const c of kept) response.headers.append("set-cookie", c);
  return response;
}

export async function proxy(request: NextRequest, event?: NextFetchEvent): Promise<Response> {
  const production = process.env.APP_ENV === "production";

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", production });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER), (env().TRUSTED_PROXY_HOPS ?? 0) > 0);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  let response: Response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Request-Id", requestId);
  if (production) response.headers.set("Strict-Transport-Security", HSTS);

  for (const { config, wrap, onlyUnder } of audiences) {
    if (!isUnder(request.nextUrl.pathname, onlyUnder)) continue;
    const c = config();
    const name = c.cookies?.sessionToken?.name;
    const token = name ? request.cookies.get(name)?.value : undefined;
    if (!name || !token) continue;
    // A token issued less than a minute ago is left as it is: re-issuing it on every request cost a whole session
    // round trip through next-auth per page; this way the idle timeout ends between 14 and 15 minutes after the last
    // request, never later. Anything that does not open (tampered, expired) goes to next-auth, which clears it.
    const claims = await decodeToken({ token, secret: c.secret ?? "", salt: name }).catch(() => null);
    if (typeof claims?.iat === "number" && Date.now() / 1000 - claims.iat < REFRESH_AFTER_SECONDS) continue;
    const before = response.headers.getSetCookie();
    const passOn = response;
    // With a lazy configuration, next-auth's auth(handler) resolves to the wrapped handler.
    const wrapped = (await (wrap(() => passOn) as unknown)) as (
      req: NextRequest,
      ev?: NextFetchEvent,
    ) => Promise<Response>;
    response = keepSessionCookies(await wrapped(request, event), before, [name]);
  }
  return response;
}

export const config = {
  // Not /api: its headers are static (next.config.ts), and the step-one hot path should not pay for a proxy run.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
