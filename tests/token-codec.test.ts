import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeToken, encodeToken } from "@/lib/auth/token-codec";

// The session token codec plugged into next-auth's jwt.encode/decode: next-auth's own format, so each side reads
// what the other writes, and a token sealed under another secret or salt, or altered, does not open.

const secret = "a-test-secret-of-at-least-thirty-two-characters";
const salt = "portal.session";

describe("the session token codec", () => {
  it("reads next-auth's own tokens, and next-auth reads its tokens", async () => {
    const ours = await encodeToken({ token: { personId: 7, epoch: 2 }, secret, salt, maxAge: 60 });
    expect(await decode({ token: ours, secret, salt })).toMatchObject({ personId: 7, epoch: 2 });
    const theirs = await encode({ token: { personId: 8 }, secret, salt, maxAge: 60 });
    expect(await decodeToken({ token: theirs, secret, salt })).toMatchObject({ personId: 8 });
  });

  it("sets iat, exp from maxAge and a fresh jti, as next-auth does", async () => {
    const before = Math.floor(Date.now() / 1000);
    const a = await decodeToken({ token: await encodeToken({ token: {}, secret, salt, maxAge: 900 }), secret, salt });
    const b = await decodeToken({ token: await encodeToken({ token: {}, secret, salt, maxAge: 900 }), secret, salt });
    expect(a?.exp).toBeGreaterThanOrEqual(before + 900);
    expect(a?.exp).toBeLessThanOrEqual(Number(a?.iat) + 900);
    expect(a?.jti).not.toBe(b?.jti);
  });

  it("opens with any listed secret (rotation), and refuses another salt, another secret or an altered token", async () => {
    const token = await encodeToken({ token: { personId: 7 }, secret, salt, maxAge: 60 });
    expect(await decodeToken({ token, secret: [`${secret}-new`, secret], salt })).toMatchObject({ personId: 7 });
    await expect(decodeToken({ token, secret, salt: "portal.agent" })).rejects.toThrow();
    await expect(decodeToken({ token, secret: `${secret}-other`, salt })).rejects.toThrow();
    const altered = `${token.slice(0, -4)}${token.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    await expect(decodeToken({ token: altered, secret, salt })).rejects.toThrow();
  });

  it("refuses a token of another shape, however well formed: another algorithm, a wrapped key, not five parts", async () => {
    const token = await encodeToken({ token: { personId: 7 }, secret, salt, maxAge: 60 });
    const [header, , iv, ciphertext, tag] = token.split(".");
    const headerWith = (h: object) => Buffer.from(JSON.stringify(h)).toString("base64url");
    const original = JSON.parse(Buffer.from(header!, "base64url").toString());
    for (const other of [
      [headerWith({ ...original, alg: "none" }), "", iv, ciphertext, tag].join("."),
      [headerWith({ ...original, enc: "A256GCM" }), "", iv, ciphertext, tag].join("."),
      [headerWith({ ...original, zip: "DEF" }), "", iv, ciphertext, tag].join("."),
      [header, "AAAA", iv, ciphertext, tag].join("."),
      [header, "", iv, ciphertext].join("."),
      `${token}.`,
    ]) {
      await expect(decodeToken({ token: other, secret, salt })).rejects.toThrow();
    }
    // The original still opens: the refusals above were about the changes.
    expect(await decodeToken({ token, secret, salt })).toMatchObject({ personId: 7 });
  });

  it("refuses an expired token", async () => {
    const token = await encodeToken({ token: {}, secret, salt, maxAge: -60 });
    await expect(decodeToken({ token, secret, salt })).rejects.toThrow();
  });
});
