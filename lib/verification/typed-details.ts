import "server-only";
import * as z from "zod/mini";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { readDateOfBirth } from "@/lib/forms/verify-details";
import type { VerifyFormValues } from "@/lib/forms/verify-fields";
import type { Locale } from "@/lib/i18n/locales";
import { normaliseBookingRef } from "@/lib/normalise";

// What the visitor typed at step one, kept for the life of their challenge so the code page can show it ("You
// entered 5BAPB6 · Côté · 14 March 1984 — Change"), "Change" can fill the form in again and "Send a new code" can
// start a new challenge for the same details. It is what they typed, not data from the breach, but it is
// personal data: sealed (AES-GCM, bound to the challenge id, so it cannot be paired with another challenge),
// HttpOnly, only sent to /verify pages, never in a URL or a log, and gone when the challenge cookie goes (same
// lifetime, cleared together when the code is redeemed). Every step-one answer sets it, matched or not.

export const TYPED_DETAILS_COOKIE = "portal.verify-typed";
const aad = (challengeId: string) => aadFor("cookie", "verify-typed", challengeId);

const valuesSchema = z.object({
  bookingRef: z.string().check(z.maxLength(100)),
  lastName: z.string().check(z.maxLength(200)),
  dobDay: z.string().check(z.maxLength(40)),
  dobMonth: z.string().check(z.maxLength(40)),
  dobYear: z.string().check(z.maxLength(40)),
});

export const sealTypedDetails = (challengeId: string, values: VerifyFormValues): string =>
  encryptField(
    JSON.stringify({
      bookingRef: values.bookingRef,
      lastName: values.lastName,
      dobDay: values.dobDay,
      dobMonth: values.dobMonth,
      dobYear: values.dobYear,
    }),
    aad(challengeId),
  );

/** What was typed for this challenge, or null (none, another challenge's, expired key, tampered). */
export function openTypedDetails(challengeId: string | undefined, value: string | undefined): VerifyFormValues | null {
  if (!challengeId || !value) return null;
  try {
    const parsed = valuesSchema.safeParse(JSON.parse(decryptField(value, aad(challengeId))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What the code page shows: the reference and name as they are looked up, the date as people say it. */
export type TypedSummary = { bookingRef: string; lastName: string; dateOfBirth: string };

// Day first in both languages ("14 March 1984", "14 mars 1984"): no reading it as 3 December.
const dateFormats: Partial<Record<Locale, Intl.DateTimeFormat>> = {};
const dateFormat = (locale: Locale) =>
  (dateFormats[locale] ??= new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }));

export function summariseTyped(values: VerifyFormValues, locale: Locale): TypedSummary {
  const date = readDateOfBirth(values.dobDay, values.dobMonth, values.dobYear);
  return {
    bookingRef: normaliseBookingRef(values.bookingRef),
    lastName: values.lastName.trim().replace(/\s+/g, " "),
    dateOfBirth:
      "iso" in date
        ? dateFormat(locale).format(new Date(`${date.iso}T00:00:00Z`))
        : [values.dobDay, values.dobMonth, values.dobYear].join(" "),
  };
}
