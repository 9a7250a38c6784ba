import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openTypedDetails, sealTypedDetails, summariseTyped } from "@/lib/verification/typed-details";
import { openVerifyFlash, sealVerifyFlash } from "@/lib/verification/verify-flash";

// What was typed at step one, kept for the code page in a sealed cookie: readable only with its own challenge,
// never in clear, and shown back as people say it.

const typed = { bookingRef: " 5bapb6 ", lastName: "  Côté ", dobDay: "14", dobMonth: "03", dobYear: "1984" };

describe("typed details", () => {
  it("round-trip for their own challenge only, sealed", () => {
    const id = randomUUID();
    const sealed = sealTypedDetails(id, typed);
    expect(sealed).not.toContain("Côté");
    expect(sealed).not.toContain("5bapb6");
    expect(openTypedDetails(id, sealed)).toEqual(typed);
    // Paired with another challenge (a cookie copied next to someone else's challenge), it opens nothing.
    expect(openTypedDetails(randomUUID(), sealed)).toBeNull();
    expect(openTypedDetails(id, `${sealed.slice(0, -3)}AAA`)).toBeNull();
    expect(openTypedDetails(id, undefined)).toBeNull();
    expect(openTypedDetails(undefined, sealed)).toBeNull();
  });

  it("are shown as they are looked up, the date day first in both languages", () => {
    expect(summariseTyped(typed, "en")).toEqual({
      bookingRef: "5BAPB6",
      lastName: "Côté",
      dateOfBirth: "14 March 1984",
    });
    expect(summariseTyped(typed, "fr")).toEqual({
      bookingRef: "5BAPB6",
      lastName: "Côté",
      dateOfBirth: "14 mars 1984",
    });
  });

  it("a language switch's flash carries values or a half-typed code, nothing else", () => {
    expect(openVerifyFlash(sealVerifyFlash({ values: typed }))).toEqual({ values: typed });
    expect(openVerifyFlash(sealVerifyFlash({ code: "12345" }))).toEqual({ code: "12345" });
  });
});
