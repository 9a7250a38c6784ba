"use server";
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { z } from "zod";
import { AgentSignInLimited, agentSignIn } from "@/agent-auth";
import { anyone, defineAction } from "@/lib/actions/action";
import { type AgentSession, getAgentSession } from "@/lib/auth/agent";
import {
  addPasskeySchema,
  passkeySignInSchema,
  removePasskeyWithCodeSchema,
  removePasskeyWithPasskeySchema,
  startAddPasskeySchema,
} from "@/lib/forms/agent-passkeys";
import { format, type Locale } from "@/lib/i18n/locales";
import { agentMessages } from "@/lib/i18n/messages/agent";
import { agentPasskeyMessages } from "@/lib/i18n/messages/agent-passkeys";
import { clientIpFrom } from "@/lib/rate-limit";
import { formatWait } from "@/lib/verification/wait";
import {
  addPasskey,
  type RemovePasskeyOutcome,
  removePasskey,
  startPasskeyConfirmation,
  startPasskeyRegistration,
  startPasskeySignIn,
} from "./passkeys";

// Passkey server actions: signing in with one (/agent/sign-in), and adding or removing the signed-in agent's own
// (/agent/security). Each ceremony is two calls: one returns the options the browser needs (its challenge is stored
// server-side, lib/agent/passkeys.ts), the other sends the browser's answer back. Options carry no secret.

const agent = (): Promise<AgentSession | null> => getAgentSession();
const PAGE = "/agent/security";
const SIGN_IN = "/agent/sign-in?expired=1";
const ip = async () => clientIpFrom(await headers());

const signInOptions = defineAction<z.ZodObject, Record<string, never>, PublicKeyCredentialRequestOptionsJSON>({
  name: "agent.passkey-sign-in-options",
  schema: z.object({}),
  authenticate: anyone,
  handler: async ({ db }) => ({ status: "ok", data: await startPasskeySignIn(db) }),
});

const signIn = defineAction({
  name: "agent.passkey-sign-in",
  schema: passkeySignInSchema,
  authenticate: anyone,
  handler: async ({ input, locale }) => {
    try {
      // next-auth's agent-passkey provider (agent-auth.ts) verifies the answer and sets the session cookie.
      await agentSignIn("agent-passkey", { response: input.response, redirect: false });
    } catch (err) {
      if (err instanceof AgentSignInLimited)
        return {
          status: "limited",
          message: format(agentMessages[locale].signInLimited, { wait: formatWait(locale, err.retryAfterSeconds) }),
        };
      if (err instanceof AuthError && err.type === "CredentialsSignin")
        return { status: "error", message: agentPasskeyMessages[locale].passkeyRefused };
      throw err;
    }
    return { status: "ok", redirectTo: "/agent" };
  },
});

const registrationOptions = defineAction<
  typeof startAddPasskeySchema,
  AgentSession,
  PublicKeyCredentialCreationOptionsJSON
>({
  name: "agent.passkey-add-options",
  schema: startAddPasskeySchema,
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, input, session, locale }) => {
    const options = await startPasskeyRegistration(db, session, input, { ip: await ip() });
    return typeof options === "object" ? { status: "ok", data: options } : removed(options, locale);
  },
});

const add = defineAction<typeof addPasskeySchema, AgentSession>({
  name: "agent.passkey-add",
  schema: addPasskeySchema,
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, input, session, locale }) => {
    const t = agentPasskeyMessages[locale];
    const outcome = await addPasskey(db, session, input);
    if (outcome === "ok") {
      revalidatePath(PAGE);
      return { status: "ok", message: t.addedDone };
    }
    return { status: "error", message: outcome === "exists" ? t.exists : t.addFailed };
  },
});

const confirmOptions = defineAction<z.ZodObject, AgentSession, PublicKeyCredentialRequestOptionsJSON>({
  name: "agent.passkey-confirm-options",
  schema: z.object({}),
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, session, locale }) => {
    const options = await startPasskeyConfirmation(db, session);
    return options ? { status: "ok", data: options } : { status: "error", message: agentPasskeyMessages[locale].gone };
  },
});

function removed(outcome: RemovePasskeyOutcome, locale: Locale) {
  const t = agentPasskeyMessages[locale];
  if (outcome === "ok") {
    revalidatePath(PAGE);
    return { status: "ok" as const, message: t.removedDone };
  }
  if (outcome === "bad_proof") return { status: "error" as const, message: t.badProof };
  if (outcome === "limited") return { status: "limited" as const, message: t.limited };
  return { status: "error" as const, message: t.gone };
}

const removeWithCode = defineAction<typeof removePasskeyWithCodeSchema, AgentSession>({
  name: "agent.passkey-remove-code",
  schema: removePasskeyWithCodeSchema,
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, input, session, locale }) =>
    removed(await removePasskey(db, session, input, { ip: await ip() }), locale),
});

const removeWithPasskey = defineAction<typeof removePasskeyWithPasskeySchema, AgentSession>({
  name: "agent.passkey-remove-passkey",
  schema: removePasskeyWithPasskeySchema,
  authenticate: agent,
  unauthenticatedRedirect: SIGN_IN,
  handler: async ({ db, input, session, locale }) =>
    removed(await removePasskey(db, session, input, { ip: await ip() }), locale),
});

export async function passkeySignInOptionsAction(prev: Parameters<typeof signInOptions>[0], raw: unknown) {
  return signInOptions(prev, raw);
}
export async function signInWithPasskeyAction(prev: Parameters<typeof signIn>[0], raw: unknown) {
  return signIn(prev, raw);
}
export async function passkeyRegistrationOptionsAction(prev: Parameters<typeof registrationOptions>[0], raw: unknown) {
  return registrationOptions(prev, raw);
}
export async function addPasskeyAction(prev: Parameters<typeof add>[0], raw: unknown) {
  return add(prev, raw);
}
export async function passkeyConfirmOptionsAction(prev: Parameters<typeof confirmOptions>[0], raw: unknown) {
  return confirmOptions(prev, raw);
}
export async function removePasskeyWithCodeAction(prev: Parameters<typeof removeWithCode>[0], raw: unknown) {
  return removeWithCode(prev, raw);
}
export async function removePasskeyWithPasskeyAction(prev: Parameters<typeof removeWithPasskey>[0], raw: unknown) {
  return removeWithPasskey(prev, raw);
}
