import { env } from "@/lib/env";
import { travellerClaimsOf } from "./claims";
import { travellerCookies } from "./cookies";
import { TRAVELLER_ABSOLUTE_SECONDS, TRAVELLER_IDLE_SECONDS } from "./policy";
import { sessionConfig } from "./session-config";

// The travellers' next-auth configuration without its provider (auth.ts adds the code provider, which needs the
// database): what proxy.ts needs to slide the session.
// No import of "server-only": proxy.ts uses it too.

export const travellerSessionConfig = () =>
  sessionConfig({
    basePath: "/api/auth",
    cookies: travellerCookies(env().APP_ENV === "production"),
    idleSeconds: TRAVELLER_IDLE_SECONDS,
    absoluteSeconds: TRAVELLER_ABSOLUTE_SECONDS,
    claimsOf: travellerClaimsOf,
    pages: { signIn: "/verify", error: "/verify" },
  });
