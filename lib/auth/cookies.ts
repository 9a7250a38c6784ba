// The cookies each next-auth configuration writes, by name and attributes. Each audience has its own names, so a
// traveller session and an agent session never share a cookie, a CSRF token or a callback URL.
//  - Travellers: Path=/, SameSite=Lax; in production `__Host-` names (Secure, Path=/, no Domain: the browser
//    refuses them from plain HTTP or from a sibling subdomain).
//  - Agents: confined to /agent and SameSite=Strict; `__Host-` needs Path=/, so production uses `__Secure-`.
// No import of "server-only": proxy.ts uses it too.

type Cookie = {
  name: string;
  options: { httpOnly: true; sameSite: "lax" | "strict"; path: string; secure: boolean };
};
export type AudienceCookies = { sessionToken: Cookie; csrfToken: Cookie; callbackUrl: Cookie };

// next-auth reads every cookie whose name starts with the session cookie's name as a chunk of the session token,
// so no other cookie's name may start with it ("portal.session.csrf" would corrupt the session).
function cookiesFor(p: { names: [string, string, string]; path: string; sameSite: "lax" | "strict"; secure: boolean }) {
  const options = { httpOnly: true as const, sameSite: p.sameSite, path: p.path, secure: p.secure };
  const [session, csrf, callback] = p.names;
  return {
    sessionToken: { name: session, options },
    csrfToken: { name: csrf, options },
    callbackUrl: { name: callback, options },
  };
}

export function travellerCookies(production: boolean): AudienceCookies {
  const p = production ? "__Host-" : "";
  const names: [string, string, string] = [`${p}portal.session`, `${p}portal.csrf`, `${p}portal.callback`];
  return cookiesFor({ names, path: "/", sameSite: "lax", secure: production });
}

export function agentCookies(production: boolean): AudienceCookies {
  const p = production ? "__Secure-" : "";
  const names: [string, string, string] = [`${p}portal.agent`, `${p}portal.csrf-agent`, `${p}portal.callback-agent`];
  return cookiesFor({ names, path: "/agent", sameSite: "strict", secure: production });
}
