// Companions are shown by initials only ("Z. C."): enough for the traveller to tell who is who on their own
// booking, too little to tell anyone anything about the companion.

function initial(name: string): string {
  // First letter, skipping leading apostrophes or spaces; Array.from keeps a surrogate pair or accented letter whole.
  const first = Array.from(name.normalize("NFC").trim()).find((c) => /\p{L}/u.test(c));
  return first ? `${first.toLocaleUpperCase("en")}.` : "";
}

export function initialsOf(givenName: string, familyName: string): string {
  return [initial(givenName), initial(familyName)].filter(Boolean).join(" ") || "?";
}

/** "Marie-Ève" → "M.-È.", "Jean Paul" → "J. P.": each part's initial, hyphens kept. */
function givenInitials(givenName: string): string {
  return givenName
    .normalize("NFC")
    .trim()
    .split(/\s+/)
    .map((word) => word.split("-").map(initial).filter(Boolean).join("-"))
    .filter(Boolean)
    .join(" ");
}

/**
 * A name an agent can pick a caller out by, and no more: "M.-È. Côté" (the given name's initials and the family
 * name as typed), or, with `initialsOnly`, "M.-È. C.".
 */
export function maskedNameOf(givenName: string, familyName: string, initialsOnly = false): string {
  const family = initialsOnly ? initial(familyName) : familyName.normalize("NFC").trim();
  return [givenInitials(givenName), family].filter(Boolean).join(" ") || "?";
}
