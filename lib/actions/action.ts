import "server-only";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type Database, getDb } from "@/db/client";
import { getTravellerPassenger, SESSION_ENDED_PATH } from "@/lib/auth/traveller";
import type { Locale } from "@/lib/i18n/locales";
import { commonMessages } from "@/lib/i18n/messages/common";
import { getLocale } from "@/lib/i18n/server";
import { logError } from "@/lib/log";
import { currentRequestId } from "@/lib/request-id";
import type { Traveller } from "@/lib/traveller/viewer";
import type { ActionResult } from "./result";

// The one server-action wrapper: authenticate → zod-parse → handler (which calls the service, and the service
// authorises this resource: there is no second check here) → redirect. redirect() throws, so it is called only
// after the try/catch, never inside it.

export type HandlerResult<D> = ActionResult<D> & { redirectTo?: string };
/** `requestId`: the request's id (proxy.ts), for the services' audit events. */
type Ctx<I, S> = { db: Database; input: I; locale: Locale; session: S; requestId?: string };

type Options<Schema extends z.core.$ZodType, S, D> = {
  name: string;
  schema: Schema;
  /** Authentication: who is calling. Return null to refuse. */
  authenticate: () => Promise<S | null>;
  handler: (ctx: Ctx<z.infer<Schema>, S>) => Promise<HandlerResult<D>>;
  /** Where to send a caller who is not authenticated. */
  unauthenticatedRedirect?: string;
};

/** Turns FormData or a plain object into the shape zod parses. */
function toInput(raw: unknown): unknown {
  if (raw instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of raw.entries()) {
      if (k.startsWith("$ACTION")) continue;
      out[k] = typeof v === "string" ? v : undefined;
    }
    return out;
  }
  return raw;
}

export function defineAction<Schema extends z.core.$ZodType, S, D = undefined>(opts: Options<Schema, S, D>) {
  return async (_prev: ActionResult<D> | undefined, raw: unknown): Promise<ActionResult<D>> => {
    const locale = await getLocale();
    const requestId = await currentRequestId();
    let outcome: HandlerResult<D>;
    try {
      const session = await opts.authenticate();
      if (session === null) {
        outcome = {
          status: "error",
          message: commonMessages[locale].genericError,
          redirectTo: opts.unauthenticatedRedirect ?? SESSION_ENDED_PATH,
        };
      } else {
        const parsed = z.safeParse(opts.schema, toInput(raw));
        if (!parsed.success) {
          return {
            status: "invalid",
            fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
          };
        }
        outcome = await opts.handler({ db: await getDb(), input: parsed.data, locale, session, requestId });
      }
    } catch (err) {
      logError(`action.${opts.name}`, err, { requestId });
      return { status: "error", message: commonMessages[locale].genericError };
    }
    const { redirectTo, ...result } = outcome;
    if (redirectTo) redirect(redirectTo);
    return result;
  };
}

/** Anyone may call it (verification step two, sign-in, sign-out…). */
export const anyone = async () => ({}) as Record<string, never>;

/** Only a verified traveller, re-checked against the database; carries what the check read (name, role). */
export const traveller = (): Promise<Traveller | null> => getTravellerPassenger();
