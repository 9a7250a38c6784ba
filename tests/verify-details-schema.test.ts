import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { dateBoxesOf, readDateOfBirth, verifyDetailsSchema } from "@/lib/forms/verify-details";
import { verifyMessages } from "@/lib/i18n/messages/verify";

// Step one's date of birth as three boxes (the GOV.UK date pattern): what each typing means, which box each
// mistake is blamed on, and that every message is a key both languages translate.

const person = { bookingRef: "5BAPB6", lastName: "Côté" };
const parse = (dobDay: string, dobMonth: string, dobYear: string) =>
  verifyDetailsSchema.safeParse({ ...person, dobDay, dobMonth, dobYear });
const errorsOf = (r: ReturnType<typeof parse>) => (r.success ? {} : z.flattenError(r.error).fieldErrors);

describe("date of birth in three boxes", () => {
  it("reads 14 / 3 / 1984 and 14 / 03 / 1984 as the same ISO date, spaces ignored", () => {
    for (const month of ["3", "03", " 3 "]) {
      const r = parse("14", month, "1984");
      expect(r.success && r.data).toEqual({ ...person, dateOfBirth: "1984-03-14" });
    }
    expect(parse("3", "1", "1950").data?.dateOfBirth).toBe("1950-01-03");
    expect(parse("29", "2", "2000").data?.dateOfBirth).toBe("2000-02-29");
  });

  it("asks for the date when all three boxes are empty, on every box", () => {
    expect(errorsOf(parse("", "", ""))).toEqual({
      dobDay: ["dateOfBirthRequired"],
      dobMonth: ["dateOfBirthRequired"],
      dobYear: ["dateOfBirthRequired"],
    });
  });

  it("names the missing part on the missing box only", () => {
    expect(errorsOf(parse("14", "", "1984"))).toEqual({ dobMonth: ["dateOfBirthMissingMonth"] });
    expect(errorsOf(parse("", "3", "1984"))).toEqual({ dobDay: ["dateOfBirthMissingDay"] });
    expect(errorsOf(parse("14", "3", ""))).toEqual({ dobYear: ["dateOfBirthMissingYear"] });
    expect(errorsOf(parse("", "", "1984"))).toEqual({
      dobDay: ["dateOfBirthMissingDayMonth"],
      dobMonth: ["dateOfBirthMissingDayMonth"],
    });
    expect(errorsOf(parse("", "3", ""))).toEqual({
      dobDay: ["dateOfBirthMissingDayYear"],
      dobYear: ["dateOfBirthMissingDayYear"],
    });
  });

  it("refuses impossible dates on the box that cannot be", () => {
    expect(errorsOf(parse("32", "3", "1984"))).toEqual({ dobDay: ["dateOfBirthReal"] });
    expect(errorsOf(parse("14", "13", "1984"))).toEqual({ dobMonth: ["dateOfBirthReal"] });
    expect(errorsOf(parse("30", "2", "1984"))).toEqual({ dobDay: ["dateOfBirthReal"] });
    expect(errorsOf(parse("29", "2", "1983"))).toEqual({ dobDay: ["dateOfBirthReal"] });
    expect(errorsOf(parse("1a", "3", "1984"))).toEqual({ dobDay: ["dateOfBirthReal"] });
    expect(errorsOf(parse("14", "3", "84"))).toEqual({ dobYear: ["dateOfBirthYearDigits"] });
    expect(errorsOf(parse("14", "3", "1850"))).toEqual({ dobYear: ["dateOfBirthReal"] });
    expect(errorsOf(parse("0", "0", "1984"))).toEqual({ dobDay: ["dateOfBirthReal"], dobMonth: ["dateOfBirthReal"] });
  });

  it("refuses a date in the future on the whole date", () => {
    expect(readDateOfBirth("15", "3", "1984", "1984-03-14")).toEqual({
      issues: [
        { box: "dobDay", key: "dateOfBirthFuture" },
        { box: "dobMonth", key: "dateOfBirthFuture" },
        { box: "dobYear", key: "dateOfBirthFuture" },
      ],
    });
    expect(readDateOfBirth("14", "3", "1984", "1984-03-14")).toEqual({ iso: "1984-03-14" });
    expect(Object.keys(errorsOf(parse("1", "1", "2999")))).toEqual(["dobDay", "dobMonth", "dobYear"]);
  });

  it("checks the date even when another field is wrong, so every mistake shows at once", () => {
    const r = verifyDetailsSchema.safeParse({
      bookingRef: "",
      lastName: "",
      dobDay: "14",
      dobMonth: "",
      dobYear: "1984",
    });
    expect(errorsOf(r)).toMatchObject({
      bookingRef: ["bookingRefRequired", "bookingRefInvalid"],
      lastName: ["lastNameRequired"],
      dobMonth: ["dateOfBirthMissingMonth"],
    });
  });

  it("treats missing or non-text boxes as wrong, never as a date", () => {
    expect(verifyDetailsSchema.safeParse({ ...person }).success).toBe(false);
    expect(verifyDetailsSchema.safeParse({ ...person, dobDay: 14, dobMonth: 3, dobYear: 1984 }).success).toBe(false);
  });

  it("fills the boxes back in from an ISO date as people type them", () => {
    expect(dateBoxesOf("1984-03-04")).toEqual({ dobDay: "4", dobMonth: "3", dobYear: "1984" });
  });

  it("uses only message keys that both languages translate", () => {
    const cases = [
      ["", "", ""],
      ["1", "", ""],
      ["", "1", ""],
      ["", "", "1984"],
      ["1", "1", ""],
      ["1", "", "1984"],
      ["", "1", "1984"],
      ["32", "13", "x"],
      ["1", "1", "84"],
      ["1", "1", "2999"],
    ] as const;
    const keys = new Set<string>();
    for (const [d, m, y] of cases) {
      const r = readDateOfBirth(d, m, y, "2026-01-01");
      if ("issues" in r) for (const i of r.issues) keys.add(i.key);
    }
    expect(keys.size).toBe(10);
    for (const key of keys) {
      expect(verifyMessages.en.errors[key], key).toBeTruthy();
      expect(verifyMessages.fr.errors[key], key).toBeTruthy();
      expect(verifyMessages.fr.errors[key]).not.toBe(verifyMessages.en.errors[key]);
    }
  });
});
