import { headers } from "next/headers";

// Every HTTP request through proxy.ts gets an id: in the request's headers (so server code reads it back with
// currentRequestId()), in the response's X-Request-Id (what a person can quote to support), in the log lines and
// audit events it causes. An id from outside is kept only from a proxy the portal trusts (TRUSTED_PROXY_HOPS > 0)
// and only when it looks like an id: anything else could smuggle text into the logs and the audit record.

export const REQUEST_ID_HEADER = "x-request-id";

/** Letters, digits and - _ . : only, 8 to 64 of them: a UUID, a hex or base64url token, a load balancer's trace id. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,64}$/;

/** What a service needs of the request it serves, for the audit record: its id when there is one. */
export type RequestContext = { requestId?: string };

/** The id for a request: the trusted proxy's when it is well-formed, else a new UUID. */
export function requestIdFor(incoming: string | null, trustIncoming: boolean): string {
  return trustIncoming && incoming && WELL_FORMED.test(incoming) ? incoming : crypto.randomUUID();
}

/**
 * The current request's id, set by proxy.ts; undefined outside a request (the command line, the worker) and on
 * the paths the proxy does not run for (/api). Checked again here: the header arrives through the proxy only.
 */
export async function currentRequestId(): Promise<string | undefined> {
  try {
    const id = (await headers()).get(REQUEST_ID_HEADER);
    return id && WELL_FORMED.test(id) ? id : undefined;
  } catch {
    // headers() throws outside a request scope.
    return undefined;
  }
}
