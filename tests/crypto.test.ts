import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bookingRefIndex, passengerLookupIndex } from "@/lib/crypto/blind-index";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { openPersonal, PAD_BYTES, personalAad, sealPersonal } from "@/lib/crypto/personal-details";

const ring = (current: string, ...ids: string[]) => ({
  current,
  keys: new Map(ids.map((id) => [id, randomBytes(32)])),
});

describe("field encryption", () => {
  it("round-trips and never stores the plaintext", () => {
    const kr = ring("k1", "k1");
    const aad = aadFor("people", "dob", "inc:P1");
    const enc = encryptField("1956-06-07", aad, kr);
    expect(enc).not.toContain("1956");
    expect(enc.startsWith("v1.k1.")).toBe(true);
    expect(decryptField(enc, aad, kr)).toBe("1956-06-07");
  });

  it("fails when a ciphertext is moved to another row", () => {
    const kr = ring("k1", "k1");
    const enc = encryptField("1956-06-07", aadFor("people", "dob", "inc:P1"), kr);
    expect(() => decryptField(enc, aadFor("people", "dob", "inc:P2"), kr)).toThrow();
  });

  it("reads values written under an older key after rotation", () => {
    const kr = ring("k1", "k1", "k2");
    const aad = aadFor("people", "email", "inc:P1");
    const old = encryptField("a@example.com", aad, kr);
    const rotated = { ...kr, current: "k2" };
    expect(decryptField(old, aad, rotated)).toBe("a@example.com");
    expect(encryptField("a@example.com", aad, rotated).startsWith("v1.k2.")).toBe(true);
  });
});

describe("personal details at rest", () => {
  const details = (over: Partial<Parameters<typeof sealPersonal>[2]> = {}) => ({
    dateOfBirth: "2015-07-21",
    email: null,
    phone: null,
    address: null,
    rewardsId: null,
    ...over,
  });

  it("have one ciphertext length whatever is on file (padded), and open to exactly what was sealed", () => {
    const full = details({
      dateOfBirth: "1984-03-14",
      email: "emilie.cote-tremblay@example.ca",
      phone: "+1-514-555-0142",
      address: "Apt 12, 3480 Rue Sainte-Catherine Ouest, Montréal",
      rewardsId: "WS000000001",
    });
    const lengths = new Set(
      [details(), details({ email: "a@b.ca" }), details({ address: "1 Main St" }), full].map(
        (d) => sealPersonal("inc", "P1", d).length,
      ),
    );
    expect(lengths.size).toBe(1);
    expect(openPersonal(sealPersonal("inc", "P1", full), "inc", "P1")).toEqual(full);
    // An extreme value grows in whole blocks only.
    const long = sealPersonal("inc", "P1", details({ address: "x".repeat(300) }));
    expect(long.length).toBeGreaterThan([...lengths][0]!);
    expect(openPersonal(long, "inc", "P1").address).toBe("x".repeat(300));
    expect(PAD_BYTES).toBe(256);
  });

  it("still open when written before padding existed", () => {
    const old = encryptField(JSON.stringify(["1984-03-14", "e@example.ca", "", "", ""]), personalAad("inc", "P2"));
    expect(openPersonal(old, "inc", "P2")).toEqual(details({ dateOfBirth: "1984-03-14", email: "e@example.ca" }));
  });
});

describe("blind indexes", () => {
  const k = randomBytes(32);
  it("ignore case, accents, spaces, hyphens and apostrophes in last names", () => {
    expect(passengerLookupIndex("5bap b6", "cote", k)).toBe(passengerLookupIndex("5BAPB6", "Côté", k));
    expect(passengerLookupIndex("5BAPB6", "delafontaine", k)).toBe(passengerLookupIndex("5BAPB6", "de la Fontaine", k));
    expect(passengerLookupIndex("5BAPB6", "obrien", k)).toBe(passengerLookupIndex("5BAPB6", "O'Brien", k));
    expect(passengerLookupIndex("5BAPB6", "Smith", k)).not.toBe(passengerLookupIndex("5BAPB7", "Smith", k));
  });
  it("depend on the key", () => {
    expect(bookingRefIndex("ABCDEF", k)).not.toBe(bookingRefIndex("ABCDEF", randomBytes(32)));
  });
});
