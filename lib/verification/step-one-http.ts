import "server-only";
import * as z from "zod/mini";
import { getDb } from "@/db/client";
import { getCurrentIncident } from "@/db/queries/incident";
import type { ActionResult } from "@/lib/actions/result";
import { env } from "@/lib/env";
import { formatPhone } from "@/lib/format";
import { VERIFY_FIELDS, verifyDetailsSchema } from "@/lib/forms/verify-details";
import type { VerifyFormValues } from "@/lib/forms/verify-fields";
import { format, type Locale } from "@/lib/i18n/locales";
import { commonMessages } from "@/lib/i18n/messages/common";
import { verifyMessages } from "@/lib/i18n/messages/verify";
import { getLocale } from "@/lib/i18n/server";
import { logError } from "@/lib/log";
import { clientIpFrom } from "@/lib/rate-limit";
import { resolveAfterResponse } from "./background";
import { CHALLENGE_COOKIE, challengeCookieOptions, startChallenge } from "./start-challenge";
import { sealTypedDetails, TYPED_DETAILS_COOKIE } from "./typed-details";
import { sealVerifyFlash, VERIFY_FLASH_COOKIE, verifyFlashCookieOptions } from "./verify-flash";
import { formatWait } from "./wait";

// Verification step one over HTTP: POST /api/verify/start. It is a route handler rather than a server action
// because it is the launch-day hot path (1.2 million notices): a route handler costs a fraction of a server
// action's framework work per request, and the form posts here with or without JavaScript:
//   - with JavaScript (components/verify/details-form.tsx): fetch, JSON in and out, the same ActionResult shape
//     as every server action ({ status, fieldErrors?, message? }, plus redirectTo when it went through);
//   - without: a plain form post, answered by a 303 to /verify/code, or back to /verify with a flash cookie
//     (verify-flash.ts) holding the errors and what was typed.
// Whatever was typed, a well-formed request gets the same answer: a challenge cookie and /verify/code. Whether
// anything matched is worked out after the response (background.ts). The steps are the action wrapper's:
// anyone may call (no session), same-origin only, zod-parse, run, and a calm generic message on failure.
// Every challenge started here also gets what was typed, sealed in a cookie of its own (typed-details.ts), for
// the code page's "You entered … — Change" and "Send a new code" (resend-http.ts).

const MAX_BODY_BYTES = 8 * 1024;
const EMPTY: VerifyFormValues = { bookingRef: "", lastName: "", dobDay: "", dobMonth: "", dobYear: "" };

export type StepOneResult = ActionResult & { redirectTo?: string };

/** Same-origin check, as Next.js does for server actions: the Origin's host must be the host this request came to. */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  if (!origin) return request.headers.get("sec-fetch-site") !== "cross-site";
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The body, or null when it is larger than `max` bytes (counted as it arrives: a missing Content-Length is no way around it). */
async function readCapped(request: Request, max: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The typed fields as strings (anything else in the body is ignored), or null for a body that is not a form. */
async function readFields(body: Uint8Array, contentType: string): Promise<VerifyFormValues | null> {
  try {
    let raw: Record<string, unknown>;
    if (contentType.startsWith("application/json"))
      raw = JSON.parse(Buffer.from(body).toString("utf8")) as Record<string, unknown>;
    else if (contentType.startsWith("application/x-www-form-urlencoded"))
      raw = Object.fromEntries(new URLSearchParams(Buffer.from(body).toString("utf8")));
    else if (contentType.startsWith("multipart/form-data"))
      raw = Object.fromEntries(
        await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData(),
      );
    else return null;
    const pick = (k: string) => (typeof raw?.[k] === "string" ? (raw[k] as string).slice(0, 200) : "");
    return Object.fromEntries(VERIFY_FIELDS.map((k) => [k, pick(k)])) as VerifyFormValues;
  } catch {
    return null;
  }
}

export async function limitedMessage(locale: Locale, retryAfterSeconds: number): Promise<string> {
  const t = verifyMessages[locale];
  const phone = (await getCurrentIncident(await getDb()))?.supportPhone;
  const wait = formatWait(locale, retryAfterSeconds);
  return phone ? format(t.limited, { wait, phone: formatPhone(phone, locale) }) : format(t.limitedNoPhone, { wait });
}

/**
 * Checks what was typed and, when it is well formed, starts a challenge for it (within the limits) and resolves it
 * after the response. The same for step one and "Send a new code".
 */
export async function startFromTyped(
  values: VerifyFormValues,
  request: Request,
  locale: Locale,
): Promise<{ result: StepOneResult; challengeId: string | null; retryAfterSeconds?: number }> {
  const parsed = verifyDetailsSchema.safeParse(values);
  if (!parsed.success)
    return {
      result: { status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> },
      challengeId: null,
    };
  try {
    const db = await getDb();
    const outcome = await startChallenge(db, parsed.data, { ip: clientIpFrom(request.headers), locale });
    if (outcome.kind === "limited")
      return {
        result: { status: "limited", message: await limitedMessage(locale, outcome.retryAfterSeconds) },
        challengeId: null,
        retryAfterSeconds: outcome.retryAfterSeconds,
      };
    resolveAfterResponse(outcome.challengeId, parsed.data);
    return { result: { status: "ok", redirectTo: "/verify/code" }, challengeId: outcome.challengeId };
  } catch (err) {
    logError("verify.step-one", err);
    return { result: { status: "error", message: commonMessages[locale].genericError }, challengeId: null };
  }
}

export async function handleStepOne(request: Request): Promise<Response> {
  const production = env().APP_ENV === "production";
  const contentType = request.headers.get("content-type") ?? "";
  const json = contentType.startsWith("application/json");
  if (!sameOrigin(request)) return new Response("Forbidden", { status: 403 });
  const body =
    Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES
      ? null
      : await readCapped(request, MAX_BODY_BYTES);
  if (!body) return new Response("Payload Too Large", { status: 413 });

  const locale = await getLocale();
  const values = await readFields(body, contentType);
  const { result, challengeId } = values
    ? await startFromTyped(values, request, locale)
    : {
        result: { status: "invalid", fieldErrors: { bookingRef: ["bookingRefRequired"] } } as StepOneResult,
        challengeId: null,
      };

  const response = json
    ? Response.json(result, { status: result.status === "error" ? 503 : 200, headers: { "cache-control": "no-store" } })
    : new Response(null, {
        status: 303,
        headers: { location: challengeId ? "/verify/code" : "/verify", "cache-control": "no-store" },
      });
  const cookie = (name: string, value: string, o: ReturnType<typeof challengeCookieOptions>) =>
    response.headers.append("set-cookie", serialiseCookie(name, value, o));
  if (challengeId) {
    cookie(CHALLENGE_COOKIE, challengeId, challengeCookieOptions(production));
    cookie(TYPED_DETAILS_COOKIE, sealTypedDetails(challengeId, values ?? EMPTY), challengeCookieOptions(production));
    // Clear any earlier mistake's (or language switch's) flash: its path is /verify, so this request cannot tell
    // whether there is one, and "Change" must show what went through, not what was typed before.
    cookie(VERIFY_FLASH_COOKIE, "", { ...verifyFlashCookieOptions(production), maxAge: 0 });
  } else if (!json) {
    cookie(
      VERIFY_FLASH_COOKIE,
      sealVerifyFlash({ result, values: values ?? EMPTY }),
      verifyFlashCookieOptions(production),
    );
  }
  return response;
}

export function serialiseCookie(
  name: string,
  value: string,
  o: { httpOnly: boolean; sameSite: "lax"; secure: boolean; path: string; maxAge: number },
): string {
  return [
    `${name}=${value}`,
    `Path=${o.path}`,
    `Max-Age=${o.maxAge}`,
    ...(o.maxAge === 0 ? ["Expires=Thu, 01 Jan 1970 00:00:00 GMT"] : []),
    "HttpOnly",
    "SameSite=Lax",
    ...(o.secure ? ["Secure"] : []),
  ].join("; ");
}
