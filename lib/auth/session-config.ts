import type { NextAuthConfig } from "next-auth";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { nowSeconds } from "./claims";
import type { AudienceCookies } from "./cookies";
import { decodeToken, encodeToken } from "./token-codec";

// The part of a next-auth configuration both audiences share (travellers: auth.ts; agents: agent-auth.ts). The
// session is next-auth's own JWT session (encrypted, signed, HttpOnly cookie), with:
//  - the idle timeout as next-auth's session maxAge: every session read (the proxy's, through next-auth's auth
//    wrapper) re-issues the token and cookie with a fresh maxAge, and a token idle for longer has expired;
//  - the absolute timeout in the jwt callback (counted from `authAt`, set at sign-in), which ends the session by
//    returning null, and in jwt.encode, which calls next-auth's own encode with the lifetime capped so a re-issued
//    token never outlives it;
//  - the claims checked at every read: a token naming anything else ends the session.
// The session object the callback returns is only `{ expires }`: /api/auth/session says "signed in" and nothing
// about the person. Server-side, next-auth's auth() adds the decoded token as `user` when the session callback
// leaves `user` out (node_modules/next-auth/lib/index.js, getSession), which is how lib/auth/traveller.ts and
// lib/auth/agent.ts read the ids, then check them and the epoch against the database.
// No import of "server-only": proxy.ts uses it too.

export type Audience = {
  /** Where next-auth's endpoints live (only the travellers' are served, by app/api/auth/[...nextauth]). */
  basePath: string;
  cookies: AudienceCookies;
  idleSeconds: number;
  absoluteSeconds: number;
  /** The claims a valid token holds, or null. */
  claimsOf: (v: unknown) => Record<string, unknown> | null;
  pages: NextAuthConfig["pages"];
};

export function sessionConfig(a: Audience): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    basePath: a.basePath,
    cookies: a.cookies,
    pages: a.pages,
    session: { strategy: "jwt", maxAge: a.idleSeconds },
    jwt: {
      encode: (params) => {
        const authAt = params.token?.authAt;
        const left = typeof authAt === "number" ? authAt + a.absoluteSeconds - nowSeconds() : 0;
        return encodeToken({ ...params, maxAge: Math.max(0, Math.min(params.maxAge ?? a.idleSeconds, left)) });
      },
      decode: decodeToken,
    },
    providers: [],
    // A refused sign-in is an expected outcome, not a server error (every wrong code would print a stack trace).
    // Other errors go through logError: name and code only, since a driver's message can echo parameters.
    logger: {
      error(error) {
        const type = (error as { type?: string }).type;
        if (type === "CredentialsSignin" || type === "JWTSessionError") return;
        logError("auth", (error as { cause?: { err?: unknown } }).cause?.err ?? error, { authError: type });
      },
    },
    callbacks: {
      jwt({ token, user }) {
        const now = nowSeconds();
        if (user) {
          // Sign-in: the token holds the claims and the sign-in time, nothing else (no name, no email).
          const claims = a.claimsOf(user);
          return claims ? { ...claims, authAt: now } : null;
        }
        const authAt = token.authAt;
        if (!a.claimsOf(token) || typeof authAt !== "number" || now - authAt > a.absoluteSeconds) return null;
        return token;
      },
      session({ session }) {
        return { expires: session.expires } as typeof session;
      },
    },
  };
}
