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
