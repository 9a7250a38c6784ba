// Where the language switch may send someone back to: a path on this site, or "/". The value is read the way a
// browser reads a Location header (backslashes are slashes, tabs and line breaks vanish), so "/\evil.example"
// and "/<TAB>/evil.example", which a browser would follow to another host, are refused like "//evil.example".

const HERE = "http://portal.invalid";

export function sameOriginPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(value, HERE);
  } catch {
    return "/";
  }
  if (url.origin !== HERE) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
