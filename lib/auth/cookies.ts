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

function cookiesFor(p: { prefix: string; base: string; path: string; sameSite: "lax" | "strict"; secure: boolean }) {
  const options = { httpOnly: true as const, sameSite: p.sameSite, path: p.path, secure: p.secure };
  const named = (suffix: string): Cookie => ({ name: `${p.prefix}${p.base}${suffix}`, options });
  return { sessionToken: named(""), csrfToken: named(".csrf"), callbackUrl: named(".callback") };
}

export function travellerCookies(production: boolean): AudienceCookies {
  const prefix = production ? "__Host-" : "";
  return cookiesFor({ prefix, base: "portal.session", path: "/", sameSite: "lax", secure: production });
}

export function agentCookies(production: boolean): AudienceCookies {
  const prefix = production ? "__Secure-" : "";
  return cookiesFor({ prefix, base: "portal.agent", path: "/agent", sameSite: "strict", secure: production });
}
