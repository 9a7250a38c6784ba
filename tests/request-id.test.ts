import { describe, expect, it } from "vitest";
import { currentRequestId, requestIdFor } from "@/lib/request-id";

// Request ids (lib/request-id.ts): an id from outside is kept only from a trusted proxy and only when it looks
// like an id, since it is written into log lines and the audit record.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("keep a trusted proxy's well-formed id", () => {
    expect(requestIdFor("3f2a9c1e-lb-7781", true)).toBe("3f2a9c1e-lb-7781");
    expect(requestIdFor("0af7651916cd43dd8448eb211c80319c", true)).toBe("0af7651916cd43dd8448eb211c80319c");
  });

  it("make a new one when the header comes from the client, or is not an id", () => {
    expect(requestIdFor("3f2a9c1e-lb-7781", false)).toMatch(UUID);
    for (const forged of [
      "short",
      "x".repeat(65),
      "Root=1-67891233-abcdef01",
      "abc def ghi",
      "id\nlevel=error",
      "marie.cote@example.ca",
      "",
    ]) {
      expect(requestIdFor(forged, true)).toMatch(UUID);
    }
    expect(requestIdFor(null, true)).toMatch(UUID);
    expect(requestIdFor(null, true)).not.toBe(requestIdFor(null, true));
  });

  it("is undefined outside a request (the command line, the worker, tests)", async () => {
    expect(await currentRequestId()).toBeUndefined();
  });
});
