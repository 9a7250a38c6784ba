"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { isLocale, LOCALE_COOKIE } from "./locales";
import { sameOriginPath } from "./return-path";

/** The language switch: remembers the choice for a year and returns to the same page. */
export async function switchLocale(formData: FormData): Promise<void> {
  const to = formData.get("locale");
  if (isLocale(to)) {
    (await cookies()).set(LOCALE_COOKIE, to, {
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
      sameSite: "lax",
      httpOnly: false,
    });
  }
  // Only a path on this site: never an open redirect.
  redirect(sameOriginPath(formData.get("returnTo")));
}
