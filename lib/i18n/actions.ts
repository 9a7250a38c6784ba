"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { VERIFY_FIELDS } from "@/lib/forms/verify-details";
import type { VerifyFormValues } from "@/lib/forms/verify-fields";
import { sealVerifyFlash, VERIFY_FLASH_COOKIE, verifyFlashCookieOptions } from "@/lib/verification/verify-flash";
import { keptFields } from "./keep-fields";
import { isLocale, LOCALE_COOKIE } from "./locales";
import { sameOriginPath } from "./return-path";

/**
 * The language switch: remembers the choice for a year and returns to the same page. On either verification step
 * it also keeps what was typed (sent along by the switch), in the same sealed, short-lived cookie a post without
 * JavaScript uses, so the page comes back in the other language with the form still filled in.
 */
export async function switchLocale(formData: FormData): Promise<void> {
  const to = formData.get("locale");
  const jar = await cookies();
  if (isLocale(to)) {
    jar.set(LOCALE_COOKIE, to, {
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
      sameSite: "lax",
      httpOnly: false,
    });
  }
  // Only a path on this site: never an open redirect.
  const returnTo = sameOriginPath(formData.get("returnTo"));
  const kept = keptFields(formData);
  const path = new URL(returnTo, "http://portal.invalid").pathname;
  const flash =
    path === "/verify" && VERIFY_FIELDS.some((f) => kept[f])
      ? { values: Object.fromEntries(VERIFY_FIELDS.map((f) => [f, kept[f] ?? ""])) as VerifyFormValues }
      : path === "/verify/code" && kept.code
        ? { code: kept.code }
        : null;
  if (flash)
    jar.set(VERIFY_FLASH_COOKIE, sealVerifyFlash(flash), verifyFlashCookieOptions(env().APP_ENV === "production"));
  redirect(returnTo);
}
