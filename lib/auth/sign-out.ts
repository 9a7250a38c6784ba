"use server";
import { z } from "zod";
import { signOut } from "@/auth";
import { anyone, defineAction } from "@/lib/actions/action";
import { endTravellerSession, getTravellerSession } from "./traveller";

/**
 * Ends the traveller session: raises the person's session epoch (every copy of the cookie stops working at its
 * next request), then clears the cookie through next-auth, and lands on the signed-out page (which says why when
 * the time-out warning signed them out: `reason`). Open to anyone: signing out when already signed out is harmless,
 * and an expired session must still be able to leave cleanly. Server actions check the Origin header, so another
 * site cannot sign someone out.
 */
export const signOutTraveller = defineAction({
  name: "auth.sign-out",
  schema: z.object({ reason: z.enum(["inactive", "time-limit", "expired"]).optional() }),
  authenticate: anyone,
  handler: async ({ db, input }) => {
    const current = await getTravellerSession();
    if (current) await endTravellerSession(db, current);
    await signOut({ redirect: false });
    return { status: "ok", redirectTo: input.reason ? `/signed-out?reason=${input.reason}` : "/signed-out" };
  },
});
