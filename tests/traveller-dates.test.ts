import { describe, expect, it } from "vitest";
import { CATEGORY_CODES } from "@/lib/catalogue/categories";
import { ALL_ITEM_KEYS, categoryOfItem, GUIDANCE } from "@/lib/catalogue/guidance";
import { checklistSchema } from "@/lib/forms/checklist";
import { enrolMonitoringSchema } from "@/lib/forms/enrol-monitoring";
import { flagCompanionSchema } from "@/lib/forms/flag-companion";
import { ACTIVATION_CODE_PATTERN, generateActivationCode } from "@/lib/traveller/activation-code";
import { addDays, addMonths, ageOn, isMinorOn, toIsoDate } from "@/lib/traveller/dates";
import { initialsOf } from "@/lib/traveller/initials";

describe("monitoring term end date", () => {
  it("adds 24 months keeping the day, and clamps to the end of shorter months", () => {
    expect(addMonths("2025-06-13", 24)).toBe("2027-06-13");
    expect(addMonths("2025-01-31", 24)).toBe("2027-01-31");
    expect(addMonths("2028-02-29", 24)).toBe("2030-02-28");
    expect(addMonths("2027-02-28", 12)).toBe("2028-02-28");
    expect(addMonths("2025-03-31", 1)).toBe("2025-04-30");
    expect(addMonths("2025-12-31", 2)).toBe("2026-02-28");
    expect(addMonths("2025-11-15", 2)).toBe("2026-01-15");
  });

  it("formats dates in UTC whatever the server's time zone", () => {
    expect(toIsoDate(new Date("2025-09-30T23:59:59Z"))).toBe("2025-09-30");
    expect(toIsoDate(new Date("2025-10-01T00:00:00Z"))).toBe("2025-10-01");
  });
});

describe("ages", () => {
  it("counts whole years, a minor until the 18th birthday", () => {
    expect(ageOn("2007-06-13", "2025-06-12")).toBe(17);
    expect(ageOn("2007-06-13", "2025-06-13")).toBe(18);
    expect(isMinorOn("2007-06-13", "2025-06-12")).toBe(true);
    expect(isMinorOn("2007-06-13", "2025-06-13")).toBe(false);
    // Born on 29 February: 18 from 1 March in a common year.
    expect(isMinorOn("2008-02-29", "2026-02-28")).toBe(true);
    expect(isMinorOn("2008-02-29", "2026-03-01")).toBe(false);
  });
});

describe("initials", () => {
  it("masks names to initials, with accents, apostrophes and particles", () => {
    expect(initialsOf("Zoë", "Côté")).toBe("Z. C.");
    expect(initialsOf("Éloïse", "Tremblay")).toBe("É. T.");
    expect(initialsOf("D'Arcy", "O'Brien")).toBe("D. O.");
    expect(initialsOf("ana-maría", "de la Fontaine")).toBe("A. D.");
    expect(initialsOf("Minh", "Nguyễn")).toBe("M. N.");
  });
});

describe("activation codes", () => {
  it("are three groups of four unambiguous characters, and differ", () => {
    const codes = new Set(Array.from({ length: 200 }, generateActivationCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(ACTIVATION_CODE_PATTERN);
    expect([...codes].join("")).not.toMatch(/[01OIL]/);
  });
});

describe("guidance catalogue", () => {
  it("covers every category with at least one checklist item and unique, category-prefixed keys", () => {
    let count = 0;
    for (const code of CATEGORY_CODES) {
      const g = GUIDANCE[code];
      expect(g.items.length).toBeGreaterThan(0);
      for (const i of g.items) {
        expect(i.key.startsWith(`${code}.`)).toBe(true);
        expect(categoryOfItem(i.key)).toBe(code);
        expect(checklistSchema.safeParse({ itemKey: i.key, done: "true" }).success).toBe(true);
        expect(i.title.fr && i.detail.fr && i.title.en && i.detail.en).toBeTruthy();
        count++;
      }
    }
    expect(ALL_ITEM_KEYS.size).toBe(count);
  });

  it("says the things the issue asks for: never a password or card number; points are not at risk", () => {
    expect(GUIDANCE.contact_info.items.map((i) => i.detail.en).join(" ")).toMatch(
      /never ask for your password, your full card number/,
    );
    expect(GUIDANCE.rewards_account.why.en).toMatch(/points are not at risk/);
    expect(GUIDANCE.rewards_account.why.fr).toMatch(/points ne sont pas menacés/);
    expect(GUIDANCE.travel_document.items.map((i) => i.detail.en).join(" ")).toMatch(/government office that issued/);
  });
});

describe("form schemas", () => {
  it("enrolment needs explicit consent, from a checkbox or a plain form post", () => {
    expect(enrolMonitoringSchema.safeParse({ subject: "self" }).error?.issues[0]?.message).toBe("consentRequired");
    expect(enrolMonitoringSchema.safeParse({ subject: "self", consent: false }).success).toBe(false);
    expect(enrolMonitoringSchema.parse({ subject: "self", consent: "on" })).toEqual({ subject: "self", consent: true });
    expect(enrolMonitoringSchema.parse({ subject: "2", consent: true })).toEqual({ subject: 2, consent: true });
    expect(enrolMonitoringSchema.safeParse({ subject: "12; drop", consent: true }).success).toBe(false);
  });

  it("a companion flag takes a position and an optional, valid email", () => {
    expect(flagCompanionSchema.parse({ companion: "1", contactEmail: "" })).toEqual({
      companion: 1,
      contactEmail: undefined,
    });
    expect(flagCompanionSchema.parse({ companion: "2", contactEmail: "  kid@example.org " })).toEqual({
      companion: 2,
      contactEmail: "kid@example.org",
    });
    expect(
      flagCompanionSchema.safeParse({ companion: "1", contactEmail: "not-an-email" }).error?.issues[0]?.message,
    ).toBe("emailInvalid");
    expect(flagCompanionSchema.safeParse({ companion: "0" }).success).toBe(false);
    expect(flagCompanionSchema.safeParse({ companion: "17", contactEmail: undefined }).success).toBe(true);
  });

  it("a checklist change names a well-formed key and a boolean", () => {
    expect(checklistSchema.parse({ itemKey: "travel_document.report-or-replace", done: "false" })).toEqual({
      itemKey: "travel_document.report-or-replace",
      done: false,
    });
    expect(checklistSchema.safeParse({ itemKey: "../etc", done: "true" }).success).toBe(false);
    expect(checklistSchema.safeParse({ itemKey: "full_name.expect-scams", done: "yes" }).success).toBe(false);
  });
});

describe("masked hints in the reader's language", () => {
  it("translates the bundle's hint shapes into French and keeps unknown ones in English", async () => {
    const { localiseHint } = await import("@/lib/traveller/detail-hint");
    expect(localiseHint("Passport ending 7731", "en")).toEqual({ text: "Passport ending 7731", lang: "en" });
    expect(localiseHint("Passport ending 7731", "fr")).toEqual({ text: "Passeport se terminant par 7731", lang: "fr" });
    expect(localiseHint("Driver's licence ending 0042", "fr").text).toBe("Permis de conduire se terminant par 0042");
    expect(localiseHint("Member ID ending 5017 and points balance", "fr").text).toBe(
      "Numéro de membre se terminant par 5017 et solde de points",
    );
    expect(localiseHint("Address on file in QC", "fr").text).toBe("Adresse au dossier (QC)");
    expect(localiseHint("YUL-LHR on 2024-12-09", "fr").text).toBe("YUL-LHR le 9 décembre 2024");
    expect(localiseHint("YUL-LHR on 2024-12-09", "en").text).toBe("YUL-LHR on December 9, 2024");
    expect(localiseHint("Something new", "fr")).toEqual({ text: "Something new", lang: "en" });
  });
});

describe("activation deadline", () => {
  it("adds days across month and year ends", () => {
    expect(addDays("2026-01-31", 90)).toBe("2026-05-01");
    expect(addDays("2025-12-30", 3)).toBe("2026-01-02");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });
});
