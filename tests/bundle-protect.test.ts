import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { createSealer, personAad, protectPerson } from "@/lib/bundle/protect";

// The importer's bulk sealer must stay interchangeable with lib/crypto's encryptField.

const ring = (current: string, ...ids: string[]) => ({ current, keys: new Map(ids.map((id) => [id, randomBytes(32)])) });

describe("bulk sealing", () => {
  it("writes encryptField's envelope, which decryptField opens with the same AAD only", () => {
    const kr = ring("k2", "k1", "k2");
    const seal = createSealer(kr);
    const aad = aadFor("people", "email", "inc:P1");
    const sealed = seal("émilie.cote@example.ca", aad);
    const reference = encryptField("émilie.cote@example.ca", aad, kr);
    expect(sealed.split(".").map((p, i) => (i < 2 ? p : p.length))).toEqual(reference.split(".").map((p, i) => (i < 2 ? p : p.length)));
    expect(decryptField(sealed, aad, kr)).toBe("émilie.cote@example.ca");
    expect(() => decryptField(sealed, aadFor("people", "email", "inc:P2"), kr)).toThrow();
  });

  it("never reuses an IV, across pool refills too", () => {
    const seal = createSealer(ring("k1", "k1"));
    const ivs = new Set<string>();
    for (let i = 0; i < 10_000; i++) ivs.add(seal("x", "a").split(".")[2]!);
    expect(ivs.size).toBe(10_000);
  });

  it("protects a person with the documented AAD row keys", () => {
    const kr = ring("k1", "k1");
    const keys = { ring: kr, blind: randomBytes(32) };
    const p = protectPerson("inc", { externalId: "P9", dateOfBirth: "2015-07-21", email: "", phone: "", address: "", rewardsId: "WS1" }, keys);
    expect(decryptField(p.dobEnc, personAad("inc", "P9", "dob"), kr)).toBe("2015-07-21");
    expect(decryptField(p.rewardsEnc!, aadFor("people", "rewards", "inc:P9"), kr)).toBe("WS1");
    expect([p.emailEnc, p.emailBidx, p.phoneEnc, p.addressEnc]).toEqual([null, null, null, null]);
  });
});
