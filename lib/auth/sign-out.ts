"use server";
import { z } from "zod";
import { signOut } from "@/auth";
import { anyone, defineAction } from "@/lib/actions/action";

/**
 * Ends the traveller session (clears the next-auth cookie). Open to anyone: signing out when already signed out
 * is harmless, and an expired session must still be able to leave cleanly. Server actions check the Origin
 * header, so another site cannot sign someone out.
 */
export const signOutTraveller = defineAction({
  name: "auth.sign-out",
  schema: z.object({}),
  authenticate: anyone,
  handler: async () => {
    await signOut({ redirect: false });
    return { status: "ok", redirectTo: "/verify?signedOut=1" };
  },
});
