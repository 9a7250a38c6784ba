import * as z from "zod/mini";
import { totpCodeSchema } from "./agent-sign-in";

// The passkey forms (/agent/security and the passkey button on /agent/sign-in), parsed in the browser and again by
// the server actions. Error messages are message keys (agentPasskeyMessages.formErrors). `response` is the
// browser's WebAuthn answer as JSON (@simplewebauthn/browser); lib/agent/passkeys.ts checks its shape and signature.

const webauthnResponse = z.string().check(z.minLength(2, "invalid"), z.maxLength(16_000, "invalid"));

export const passkeyNameSchema = z
  .string()
  .check(z.trim(), z.minLength(1, "nameRequired"), z.maxLength(60, "nameTooLong"));

/** Starting to add one: its name (kept in the browser until the answer) and the current authenticator code. */
export const startAddPasskeySchema = z.object({ name: passkeyNameSchema, code: totpCodeSchema });
export const addPasskeySchema = z.object({ name: passkeyNameSchema, response: webauthnResponse });
export type AddPasskeyValues = z.output<typeof addPasskeySchema>;

export const passkeySignInSchema = z.object({ response: webauthnResponse });

/** Removing a passkey takes the current authenticator code… */
export const removePasskeyWithCodeSchema = z.object({ passkey: z.uuid("invalid"), code: totpCodeSchema });
/** …or a fresh answer from one of the agent's passkeys. */
export const removePasskeyWithPasskeySchema = z.object({ passkey: z.uuid("invalid"), response: webauthnResponse });
