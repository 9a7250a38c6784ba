// The language switch carries what was typed on the page (step one of verification) as fields named with this
// prefix, so nothing typed is lost when the page comes back in the other language. Free of server-only imports:
// the switch (a client component) and its server action share it.
export const KEEP_PREFIX = "keep.";

/** The kept fields of a switch's form data, without their prefix. */
export function keptFields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of formData.entries()) {
    if (name.startsWith(KEEP_PREFIX) && typeof value === "string")
      out[name.slice(KEEP_PREFIX.length)] = value.slice(0, 200);
  }
  return out;
}
