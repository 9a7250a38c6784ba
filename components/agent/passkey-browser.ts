"use client";
import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import type { ActionResult } from "@/lib/actions/result";

// The browser half of a passkey ceremony, shared by the sign-in button and the security page: ask the server for
// options (it stores the challenge), let the browser and the authenticator answer, return the answer as JSON for
// the second server action. Failures are one of three things a person can act on.

export type CeremonyFailure = "not_supported" | "cancelled" | { message: string };

export async function runCeremony<O>(
  options: () => Promise<ActionResult<O>>,
  browser: (optionsJSON: O) => Promise<unknown>,
): Promise<{ response: string } | { failure: CeremonyFailure }> {
  if (!browserSupportsWebAuthn()) return { failure: "not_supported" };
  const o = await options();
  if (o.status !== "ok" || !o.data) return { failure: { message: o.message ?? "" } };
  try {
    return { response: JSON.stringify(await browser(o.data)) };
  } catch {
    // NotAllowedError (cancelled, timed out, or no passkey for this site on the device) and the rarer aborts: the
    // library names them, but for the person it is the same story.
    return { failure: "cancelled" };
  }
}
