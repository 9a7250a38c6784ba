import "server-only";
import * as z from "zod/mini";
import type { ActionResult } from "@/lib/actions/result";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import type { VerifyFormValues } from "@/lib/forms/verify-fields";

// Without JavaScript, step one is a plain form post to /api/verify/start, which answers with a redirect. When the
// post cannot go on (bad format, too many attempts, our failure), the redirect goes back to /verify and this
// short-lived cookie carries what the page needs to show the errors and keep what was typed ("bad input loses
// nothing"). It is encrypted (typed details are personal data even on the traveller's own device), HttpOnly,
// only sent to /verify pages and gone within a minute; a successful post clears it.

export const VERIFY_FLASH_COOKIE = "portal.verify-form";
const AAD = aadFor("cookie", "verify-form", "v1");

/**
 * The language switch uses it too, to keep what was typed on either step: then `result` is left out, and the
 * code step's partly typed code travels as `code`.
 */
export type VerifyFlash = { result?: ActionResult; values?: VerifyFormValues; code?: string };

const text = (max: number) => z.string().check(z.maxLength(max));
const flashSchema = z.object({
  result: z.optional(
    z.object({
      status: z.enum(["ok", "invalid", "limited", "error"]),
      fieldErrors: z.optional(z.record(z.string(), z.array(z.string()))),
      message: z.optional(z.string()),
    }),
  ),
  values: z.optional(
    z.object({
      bookingRef: text(100),
      lastName: text(200),
      dobDay: text(40),
      dobMonth: text(40),
      dobYear: text(40),
    }),
  ),
  code: z.optional(text(40)),
});

export const sealVerifyFlash = (flash: VerifyFlash): string => encryptField(JSON.stringify(flash), AAD);

/** The flash's content, or null for none, an expired key, tampering or any other surprise. */
export function openVerifyFlash(value: string | undefined): VerifyFlash | null {
  if (!value) return null;
  try {
    const parsed = flashSchema.safeParse(JSON.parse(decryptField(value, AAD)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const verifyFlashCookieOptions = (production: boolean) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: production,
  path: "/verify",
  maxAge: 60,
});
