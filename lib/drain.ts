// Whether this instance is draining: the portal's server (scripts/portal-server.ts) sets the flag on SIGTERM and
// /api/health then answers 503, so a load balancer that polls it stops sending new requests while the requests
// already accepted finish. Kept on globalThis under a registered symbol because the server and the Next.js
// bundle that serves /api/health are separate module graphs in one process.

const DRAINING = Symbol.for("portal.draining");
const flags = globalThis as { [DRAINING]?: boolean };

export function startDraining(): void {
  flags[DRAINING] = true;
}

export const isDraining = (): boolean => flags[DRAINING] === true;
