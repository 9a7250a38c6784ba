import { env } from "@/lib/env";
import { agentClaimsOf } from "./claims";
import { agentCookies } from "./cookies";
import { AGENT_ABSOLUTE_SECONDS, AGENT_IDLE_SECONDS } from "./policy";
import { sessionConfig } from "./session-config";

// The agents' next-auth configuration without its provider (agent-auth.ts adds the password provider, which needs
// the database): what proxy.ts needs to slide the session. Its endpoints are not served over HTTP (no route under
// the base path): agents sign in and out through server actions (lib/agent/actions.ts).
// No import of "server-only": proxy.ts uses it too.

export const agentSessionConfig = () =>
  sessionConfig({
    basePath: "/agent/auth",
    cookies: agentCookies(env().APP_ENV === "production"),
    idleSeconds: AGENT_IDLE_SECONDS,
    absoluteSeconds: AGENT_ABSOLUTE_SECONDS,
    claimsOf: agentClaimsOf,
    pages: { signIn: "/agent/sign-in", error: "/agent/sign-in" },
  });
