import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { JWT } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { TRAVELLER_IDLE_SECONDS } from "@/lib/auth/policy";
import { isPastAbsoluteTimeout, nowSeconds, sessionCookie } from "@/lib/auth/session";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { clientIpFrom } from "@/lib/rate-limit";
import { redeemVerificationCode } from "@/lib/verification/redeem-code";

// next-auth keeps the session in an encrypted, signed, HttpOnly cookie (JWT strategy): no server state, so
// any number of instances can serve the same traveller. A traveller session is bound to one person on one
// booking; every action re-checks that binding against the database (lib/auth/traveller.ts). Pages, actions and the
// proxy read the cookie through lib/auth/session.ts rather than auth() (a whole session round trip per call); the
// token format is the same one (lib/auth/session-token.ts), so next-auth reads what they write and vice versa.

declare module "next-auth" {
  interface User {
    personId?: number;
    bookingId?: number;
    incidentId?: string;
  }
  interface Session {
    traveller?: { personId: number; bookingId: number; incidentId: string };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    personId?: number;
    bookingId?: number;
    incidentId?: string;
    /** When the traveller verified (seconds since epoch): the absolute timeout counts from here. */
    authAt?: number;
  }
}

class InvalidCode extends CredentialsSignin {
  code = "invalid_code";
}

/** next-auth allows a list of secrets (rotation): the first one issues, any of them reads. */
const firstSecret = (secret: string | string[]) => (Array.isArray(secret) ? secret[0]! : secret);

const codeCredentials = z.object({ challengeId: z.uuid(), code: z.string().regex(/^\d{10}$/) });

const config = (): NextAuthConfig => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: TRAVELLER_IDLE_SECONDS, updateAge: 0 },
  // Auth.js's own encode/decode make the same tokens, but derive the key and run WebCrypto on every call.
  jwt: {
    encode: ({ token, secret, salt, maxAge }) =>
      encodeSessionToken({
        claims: token ?? {},
        secret: firstSecret(secret),
        salt,
        maxAge: maxAge ?? TRAVELLER_IDLE_SECONDS,
      }),
    decode: ({ token, secret, salt }) => {
      if (!token) return null;
      for (const s of Array.isArray(secret) ? secret : [secret]) {
        const claims = decodeSessionToken({ token, secret: s, salt });
        if (claims) return claims as JWT;
      }
      return null;
    },
  },
  pages: { signIn: "/verify", error: "/verify" },
  // A refused code is an expected outcome, not a server error (every wrong code would print a stack trace).
  // Other errors go through logError: name and code only, since a driver's message can echo parameters.
  logger: {
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      logError("auth", (error as { cause?: { err?: unknown } }).cause?.err ?? error, {
        authError: (error as { type?: string }).type,
      });
    },
  },
  cookies: { sessionToken: sessionCookie() },
  providers: [
    Credentials({
      id: "traveller-code",
      credentials: { challengeId: {}, code: {} },
      async authorize(raw, request) {
        const parsed = codeCredentials.safeParse(raw);
        if (!parsed.success) throw new InvalidCode();
        try {
          const result = await redeemVerificationCode(await getDb(), parsed.data, {
            ip: clientIpFrom(request.headers),
          });
          if (!result) throw new InvalidCode();
          return {
            id: String(result.personId),
            personId: result.personId,
            bookingId: result.bookingId,
            incidentId: result.incidentId,
          };
        } catch (err) {
          if (err instanceof InvalidCode) throw err;
          logError("auth.authorize", err);
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.personId && user.bookingId && user.incidentId) {
        return {
          sub: String(user.personId),
          personId: user.personId,
          bookingId: user.bookingId,
          incidentId: user.incidentId,
          authAt: nowSeconds(),
        };
      }
      // Absolute timeout: returning null ends the session however recently it was used.
      if (isPastAbsoluteTimeout(token.authAt, nowSeconds())) return null;
      return token;
    },
    session({ session, token }) {
      if (token.personId && token.bookingId && token.incidentId) {
        session.traveller = { personId: token.personId, bookingId: token.bookingId, incidentId: token.incidentId };
      }
      // Nothing else about the person ever goes into the session object the client can read.
      session.user = { id: token.sub ?? "" } as typeof session.user;
      return session;
    },
  },
});

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
