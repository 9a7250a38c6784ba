import { NextRequest } from "next/server";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { currentTravellerEpoch, findSessionPassenger } from "@/db/queries/session";
import type { TravellerClaims } from "@/lib/auth/claims";
import { openTravellerGrant } from "@/lib/auth/grant";
import { travellerSessionConfig } from "@/lib/auth/traveller-config";
import { verifyCodeSchema } from "@/lib/forms/verify-code";
import { logError } from "@/lib/log";
import { clientIpFrom } from "@/lib/rate-limit";
import { redeemVerificationCode } from "@/lib/verification/redeem-code";
import { CHALLENGE_COOKIE } from "@/lib/verification/start-challenge";

// Travellers' sessions through next-auth (the shared rules: lib/auth/session-config.ts). A session names one
// person on one booking and the person's session epoch; pages and actions re-check both against the database on
// every request (lib/auth/traveller.ts), and sign-out raises the epoch (lib/auth/sign-out.ts).
//
// A code is redeemed by the `traveller-code` provider, whichever route carries it: the step-two server action
// (app/(public)/verify/code/actions.ts, through signIn) or a direct POST to /api/auth/callback/traveller-code
// (with next-auth's CSRF token). Either way the challenge is the one in the HttpOnly challenge cookie of the
// request, never one named in the body: a code only opens the challenge of the browser that started it.

class InvalidCode extends CredentialsSignin {
  code = "invalid_code";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The challenge id in the request's challenge cookie, or null. */
function challengeIdOf(request: Request): string | null {
  const value = new NextRequest(request.url, { headers: request.headers }).cookies.get(CHALLENGE_COOKIE)?.value;
  return value && UUID.test(value) ? value : null;
}

const travellerCode = Credentials({
  id: "traveller-code",
  credentials: { code: {} },
  async authorize(raw, request): Promise<TravellerClaims & { id: string }> {
    const parsed = verifyCodeSchema.safeParse(raw);
    const challengeId = challengeIdOf(request);
    if (!parsed.success || !challengeId) throw new InvalidCode();
    try {
      const db = await getDb();
      const result = await redeemVerificationCode(
        db,
        { challengeId, code: parsed.data.code },
        { ip: clientIpFrom(request.headers) },
      );
      if (!result) throw new InvalidCode();
      const epoch = await currentTravellerEpoch(db, result.personId);
      return { id: String(result.personId), ...result, epoch };
    } catch (err) {
      if (err instanceof InvalidCode) throw err;
      logError("auth.authorize", err);
      throw err;
    }
  },
});

/**
 * A person proved who they are another way (the letter's notice code, a rewards link): the server action that ran
 * that check hands over a sealed grant (lib/auth/grant.ts) in the same process. The grant is re-checked like any
 * session: the person still on the booking, and the token in their current session epoch.
 */
const travellerGrant = Credentials({
  id: "traveller-grant",
  credentials: { grant: {} },
  async authorize(raw): Promise<TravellerClaims & { id: string }> {
    const grant = openTravellerGrant((raw as { grant?: unknown } | undefined)?.grant);
    if (!grant) throw new InvalidCode();
    const db = await getDb();
    const epoch = await currentTravellerEpoch(db, grant.personId);
    if (!(await findSessionPassenger(db, { ...grant, epoch }))) throw new InvalidCode();
    return { id: String(grant.personId), ...grant, epoch };
  },
});

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => ({
  ...travellerSessionConfig(),
  providers: [travellerCode, travellerGrant],
}));
