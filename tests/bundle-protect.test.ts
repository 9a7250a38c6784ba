import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { protectPerson } from "@/lib/bundle/protect";
import { aadFor, createSealer, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { openPersonal } from "@/lib/crypto/personal-details";

// The importer's bulk sealer must stay interchangeable with lib/crypto's encryptField.

const ring = (current: string, ...ids: string[]) => ({
  current,
  keys: new Map(ids.map((id) => [id, randomBytes(32)])),
});

describe("bulk sealing", () => {
  it("writes encryptField's envelope, which decryptField opens with the same AAD only", () => {
    const kr = ring("k2", "k1", "k2");
    const seal = createSealer(kr);
    const aad = aadFor("people", "email", "inc:P1");
    const sealed = seal("émilie.cote@example.ca", aad);
    const reference = encryptField("émilie.cote@example.ca", aad, kr);
    expect(sealed.split(".").map((p, i) => (i < 2 ? p : p.length))).toEqual(
      reference.split(".").map((p, i) => (i < 2 ? p : p.length)),
    );
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
    const p = protectPerson(
      "inc",
      { externalId: "P9", dateOfBirth: "2015-07-21", email: "", phone: "", address: "", rewardsId: "WS1" },
      keys,
    );
    // One value holds every personal field, bound to incident "inc" and person "P9".
    expect(JSON.parse(decryptField(p.personalEnc, aadFor("people", "personal", "inc:P9"), kr))).toEqual([
      "2015-07-21",
      "",
      "",
      "",
      "WS1",
    ]);
    expect(openPersonal(p.personalEnc, "inc", "P9", kr)).toEqual({
      dateOfBirth: "2015-07-21",
      email: null,
      phone: null,
      address: null,
      rewardsId: "WS1",
    });
    expect(() => openPersonal(p.personalEnc, "inc", "P8", kr)).toThrow();
    expect(() => openPersonal(p.personalEnc, "inc2", "P9", kr)).toThrow();
    expect(p.emailBidx).toBeNull();
    expect(p.rewardsBidx).toMatch(/^[0-9a-f]{32}$/);
  });

  it("refuses personal details that do not have the five fields, without quoting them", () => {
    const kr = ring("k1", "k1");
    const aad = aadFor("people", "personal", "inc:P1");
    for (const plaintext of [
      '{"dob":"1980-01-01"}',
      '["1980-01-01","a@example.ca"]',
      '["1980-01-01","","","",7]',
      "1980-01-01 secret",
    ]) {
      const sealed = encryptField(plaintext, aad, kr);
      expect(() => openPersonal(sealed, "inc", "P1", kr)).toThrow(/^malformed personal details$/);
    }
  });

  it("hides whether a phone or an address is on file: only the total length shows", () => {
    const keys = { ring: ring("k1", "k1"), blind: randomBytes(32) };
    const base = { externalId: "P1", dateOfBirth: "1980-01-01", rewardsId: "" };
    const phoneOnly = protectPerson("inc", { ...base, email: "", phone: "+15555550100", address: "" }, keys);
    const addressOnly = protectPerson("inc", { ...base, email: "", phone: "", address: "12 Oak Drive" }, keys);
    expect(phoneOnly.personalEnc.length).toBe(addressOnly.personalEnc.length);
    expect(openPersonal(phoneOnly.personalEnc, "inc", "P1", keys.ring)).toMatchObject({
      phone: "+15555550100",
      address: null,
    });
    expect(openPersonal(addressOnly.personalEnc, "inc", "P1", keys.ring)).toMatchObject({
      phone: null,
      address: "12 Oak Drive",
    });
  });
});
