import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { getLocale } from "@/lib/i18n/server";
import { CHALLENGE_COOKIE, challengeCookieOptions } from "./start-challenge";
import { sameOrigin, serialiseCookie, startFromTyped } from "./step-one-http";
import { openTypedDetails, sealTypedDetails, TYPED_DETAILS_COOKIE } from "./typed-details";

// "Send a new code": step one again for what the visitor typed last time (the sealed typed-details cookie), so a
// code that did not come (or expired) needs no retyping. It is an ordinary step one: a new challenge, counted
// against the same limits (per client, per booking reference, and the per-person cap on code emails, applied when
// it is resolved after the response), superseding the old code when it reaches someone. The answer is the same
// whether or not the details match: back to the code page with a calm "if these details match, a new code is on
// its way", or "too many attempts" (which depends only on the count of requests). Without typed details (expired,
// another device) it goes back to step one.

export async function handleResend(request: Request): Promise<Response> {
  if (!sameOrigin(request)) return new Response("Forbidden", { status: 403 });
  const jar = await cookies();
  const typed = openTypedDetails(jar.get(CHALLENGE_COOKIE)?.value, jar.get(TYPED_DETAILS_COOKIE)?.value);
  const redirect = (location: string) =>
    new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
  if (!typed) return redirect("/verify");

  const { result, challengeId, retryAfterSeconds } = await startFromTyped(typed, request, await getLocale());
  if (!challengeId) {
    // The details were checked when first typed, so this is "too many attempts" or our failure: the page says which.
    return redirect(
      result.status === "limited"
        ? `/verify/code?resend=limited&wait=${retryAfterSeconds ?? 60}`
        : "/verify/code?resend=failed",
    );
  }
  const response = redirect("/verify/code?resend=sent");
  const options = challengeCookieOptions(env().APP_ENV === "production");
  response.headers.append("set-cookie", serialiseCookie(CHALLENGE_COOKIE, challengeId, options));
  response.headers.append(
    "set-cookie",
    serialiseCookie(TYPED_DETAILS_COOKIE, sealTypedDetails(challengeId, typed), options),
  );
  return response;
}
