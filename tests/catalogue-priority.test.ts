import { describe, expect, it } from "vitest";
import { CATEGORY_CODES, type CategoryCode } from "@/lib/catalogue/categories";
import { ALL_ITEM_KEYS, categoryOfItem } from "@/lib/catalogue/guidance";
import { ACTION_PRIORITY, topActions } from "@/lib/catalogue/priority";

const keys = (categories: CategoryCode[]) => topActions(categories).map((a) => a.key);

describe("the three actions /my leads with", () => {
  it("ranks every checklist item exactly once", () => {
    expect(new Set(ACTION_PRIORITY).size).toBe(ACTION_PRIORITY.length);
    expect(new Set<string>(ACTION_PRIORITY)).toEqual(ALL_ITEM_KEYS);
  });

  it("puts identity fraud first for a travel document, the card issuer for a co-branded card, phishing for contact details", () => {
    expect(keys(["contact_info", "cobrand_card_account", "travel_document", "full_name"])).toEqual([
      "travel_document.watch-identity",
      "cobrand_card_account.contact-issuer",
      "contact_info.recognise-phishing",
    ]);
  });

  it("takes one action per category before a second of the same category", () => {
    expect(keys(["travel_document", "full_name", "itinerary"])).toEqual([
      "travel_document.watch-identity",
      "itinerary.check-directly",
      "full_name.expect-scams",
    ]);
  });

  it("fills up with the next items of the same categories when there are fewer than three", () => {
    expect(keys(["contact_info"])).toEqual([
      "contact_info.recognise-phishing",
      "contact_info.never-asked",
      "contact_info.call-back",
    ]);
    expect(keys(["full_name"])).toEqual(["full_name.expect-scams"]);
    expect(keys([])).toEqual([]);
  });

  it("depends on the set of categories only, not their order or repeats", () => {
    const all = [...CATEGORY_CODES];
    const expected = keys(all);
    expect(keys([...all].reverse())).toEqual(expected);
    expect(keys([...all, ...all])).toEqual(expected);
    expect(expected).toEqual([
      "travel_document.watch-identity",
      "cobrand_card_account.contact-issuer",
      "contact_info.recognise-phishing",
    ]);
  });

  it("only ever suggests an item of one of the person's categories", () => {
    for (const code of CATEGORY_CODES) {
      const others = CATEGORY_CODES.filter((c) => c !== code);
      for (const a of topActions(others)) expect(categoryOfItem(a.key)).not.toBe(code);
      for (const a of topActions([code])) expect(a.category).toBe(code);
    }
  });
});
