import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { TRAVELLER_ABSOLUTE_SECONDS, TRAVELLER_IDLE_SECONDS } from "@/lib/auth/policy";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { redeemVerificationCode } from "@/lib/verification/redeem-code";

// next-auth keeps the session in an encrypted, signed, HttpOnly cookie (JWT strategy): no server state, so
// any number of instances can serve the same traveller. A traveller session is bound to one person on one
// booking; every action re-checks that binding against the database (lib/auth/traveller.ts).

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

const codeCredentials = z.object({ challengeId: z.uuid(), code: z.string().regex(/^\d{6}$/) });

const config = (): NextAuthConfig => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: TRAVELLER_IDLE_SECONDS, updateAge: 0 },
  pages: { signIn: "/verify", error: "/verify" },
  // A refused code is an expected outcome, not a server error (every wrong code would print a stack trace).
  // Other errors go through logError: name and code only, since a driver's message can echo parameters.
  logger: {
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      logError("auth", (error as { cause?: { err?: unknown } }).cause?.err ?? error, { authError: (error as { type?: string }).type });
    },
  },
  cookies: {
    sessionToken: {
      name: env().APP_ENV === "production" ? "__Secure-portal.session" : "portal.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: env().APP_ENV === "production" },
    },
  },
  providers: [
    Credentials({
      id: "traveller-code",
      credentials: { challengeId: {}, code: {} },
      async authorize(raw) {
        const parsed = codeCredentials.safeParse(raw);
        if (!parsed.success) throw new InvalidCode();
        try {
          const result = await redeemVerificationCode(await getDb(), parsed.data);
          if (!result) throw new InvalidCode();
          return { id: String(result.personId), personId: result.personId, bookingId: result.bookingId, incidentId: result.incidentId };
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
        return { sub: String(user.personId), personId: user.personId, bookingId: user.bookingId, incidentId: user.incidentId, authAt: Math.floor(Date.now() / 1000) };
      }
      // Absolute timeout: returning null ends the session however recently it was used.
      if (!token.authAt || Date.now() / 1000 - token.authAt > TRAVELLER_ABSOLUTE_SECONDS) return null;
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
