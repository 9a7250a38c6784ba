import { type NextRequest, NextResponse } from "next/server";
import { agentCookie, slideAgentSession } from "@/lib/auth/agent-session";
import { sessionCookie, slideSession } from "@/lib/auth/session";

// Runs before every page request and server action (Next 16 "proxy", formerly middleware). Two jobs:
//  1. A per-request nonce and a strict Content-Security-Policy (Next.js reads the nonce from the request's CSP
//     header and puts it on its own scripts; pages are rendered per request, so every response gets a fresh one).
//  2. Sliding idle timeout: when a session cookie (traveller, or agent on /agent pages) is present it is read (signature, idle expiry, absolute timeout:
//     lib/auth/session.ts, the same rules next-auth applies) and, once it is over a minute old, re-issued with a
//     fresh 15-minute expiry; an invalid or expired one is cleared. Not through next-auth's auth(): that ran its
//     whole session endpoint (decode and re-encode through WebCrypto, plus CSRF and callback-URL cookies nobody
//     here uses) on every request.
// It is never the authorization check: pages and actions check the session against the database themselves
// (lib/auth/traveller.ts), because a matcher or a moved action can silently skip the proxy.

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

export function proxy(request: NextRequest): Response {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const production = process.env.APP_ENV === "production";
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", production });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const pass = () => {
    const response = NextResponse.next({ request: { headers: requestHeaders } });
    response.headers.set("Content-Security-Policy", policy);
    if (production) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    return response;
  };

  const response = pass();
  // The traveller cookie, and on /agent pages the agent cookie (lib/auth/agent-session.ts): same rules, own timeouts.
  const sessions = [
    { cookie: sessionCookie(), slide: slideSession },
    { cookie: agentCookie(), slide: slideAgentSession },
  ];
  for (const { cookie, slide } of sessions) {
    const token = request.cookies.get(cookie.name)?.value;
    if (!token) continue;
    const next = slide(token);
    if (next.kind === "reissue")
      response.cookies.set(cookie.name, next.token, { ...cookie.options, expires: next.expires });
    else if (next.kind === "clear") response.cookies.set(cookie.name, "", { ...cookie.options, maxAge: 0 });
  }
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
