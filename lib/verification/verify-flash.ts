import "server-only";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";

// Without JavaScript, step one is a plain form post to /api/verify/start, which answers with a redirect. When the
// post cannot go on (bad format, too many attempts, our failure), the redirect goes back to /verify and this
// short-lived cookie carries what the page needs to show the errors and keep what was typed ("bad input loses
// nothing"). It is encrypted (typed details are personal data even on the traveller's own device), HttpOnly,
// only sent to /verify pages and gone within a minute; a successful post clears it.

export const VERIFY_FLASH_COOKIE = "portal.verify-form";
const AAD = aadFor("cookie", "verify-form", "v1");

export type VerifyFormValues = { bookingRef: string; lastName: string; dateOfBirth: string };
export type VerifyFlash = { result: ActionResult; values: VerifyFormValues };

const flashSchema = z.object({
  result: z.object({
    status: z.enum(["ok", "invalid", "limited", "error"]),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    message: z.string().optional(),
  }),
  values: z.object({ bookingRef: z.string().max(100), lastName: z.string().max(200), dateOfBirth: z.string().max(40) }),
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
