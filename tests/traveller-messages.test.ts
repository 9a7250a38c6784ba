import { describe, expect, it } from "vitest";
import { format, LOCALES } from "@/lib/i18n/locales";
import { travellerMessages } from "@/lib/i18n/messages/traveller";
import { companionMessages } from "@/lib/i18n/messages/traveller-companions";
import { monitoringMessages } from "@/lib/i18n/messages/traveller-monitoring";
import { maskEmail } from "@/lib/traveller/mask";

/** Every string in a message tree, with its path. */
const strings = (tree: unknown, path = ""): Array<[string, string]> =>
  typeof tree === "string"
    ? [[path, tree]]
    : Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => strings(v, `${path}.${k}`));

describe("traveller messages", () => {
  it("never end a sentence with a second full stop after initials", () => {
    for (const locale of LOCALES) {
      for (const [path, text] of strings({ ...companionMessages[locale], ...monitoringMessages[locale] })) {
        if (!text.includes("{initials}")) continue;
        expect(format(text, { initials: "W. O.", months: 24, name: "Wendy" }), `${locale}${path}`).not.toMatch(/\.\./);
      }
    }
  });

  it("use typographic apostrophes and a no-break space before French colons", () => {
    for (const tree of [travellerMessages.fr, companionMessages.fr, monitoringMessages.fr]) {
      for (const [path, text] of strings(tree)) {
        if (path.startsWith(".mail")) continue; // the emails belong to lib/mail
        expect(text, path).not.toContain("'");
        expect(text, path).not.toMatch(/ [:?!;]/);
      }
    }
  });
});

describe("masked email", () => {
  it("keeps the first character and the domain", () => {
    expect(maskEmail("guardian.x@example.org")).toBe("g•••@example.org");
    expect(maskEmail("é@example.ca")).toBe("é•••@example.ca");
    expect(maskEmail("no-at-sign")).toBe("•••");
  });
});
