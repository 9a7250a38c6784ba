import { describe, expect, it } from "vitest";
import { formatPhone, telHref } from "@/lib/format";

// Phone numbers as people read and dial them, in both languages.

describe("phone numbers", () => {
  it("reads a North American number the English and the French way, and leaves others as given", () => {
    expect(formatPhone("+1-888-555-0100", "en")).toBe("1-888-555-0100");
    expect(formatPhone("+1-888-555-0100", "fr")).toBe("1 888 555-0100");
    expect(formatPhone("(888) 555 0100", "fr")).toBe("1 888 555-0100");
    expect(formatPhone(" +44 20 7946 0958 ", "en")).toBe("+44 20 7946 0958");
  });

  it("dials the number in E.164 form where it can tell", () => {
    expect(telHref("+1-888-555-0100")).toBe("tel:+18885550100");
    expect(telHref("888.555.0100")).toBe("tel:+18885550100");
    expect(telHref("+44 20 7946 0958")).toBe("tel:+442079460958");
  });
});
