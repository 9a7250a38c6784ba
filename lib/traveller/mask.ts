/**
 * An email address shown back to the person who typed it, without showing it whole on screen:
 * "guardian.x@example.org" → "g•••@example.org". Enough to recognise a typo in the domain or the first letter.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  const first = Array.from(email.slice(0, at))[0] ?? "";
  return `${first}•••${email.slice(at)}`;
}
