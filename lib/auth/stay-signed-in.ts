"use server";
import { z } from "zod";
import { unstable_update } from "@/auth";
import { defineAction, traveller } from "@/lib/actions/action";
import type { SessionTiming } from "./session-timing";
import { readTravellerTiming, SESSION_ENDED_PATH } from "./traveller";

/**
 * "Stay signed in" (components/session/session-timeout.tsx): re-issues the session cookie with a fresh idle expiry
 * and answers with the new timing. Only for a signed-in traveller, re-checked against the database like any action;
 * a server action, so Next.js refuses a cross-site call (Origin check) and nothing else can extend a session.
 * The proxy re-issues a token only once it is a minute old; this asks next-auth for a new one whatever its age (its
 * session update, which runs the same jwt callback and encoder: claims checked, absolute timeout kept).
 */
export const staySignedIn = defineAction<z.ZodObject, unknown, SessionTiming>({
  name: "auth.stay-signed-in",
  schema: z.object({}),
  authenticate: traveller,
  unauthenticatedRedirect: SESSION_ENDED_PATH,
  handler: async () => {
    const timing = await readTravellerTiming("now");
    if (!timing) return { status: "error", redirectTo: SESSION_ENDED_PATH };
    await unstable_update({});
    return { status: "ok", data: timing };
  },
});
