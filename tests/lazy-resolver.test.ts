import type { ResolverOptions } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import { agentSignInResolver, verifyDetailsResolver } from "@/lib/forms/resolvers";

// The forms' resolvers load the zod schema on first use (lib/forms/lazy-resolver.ts). What must hold: the lazy
// resolver gives exactly what the schema's own resolver gives, loads the schema once however often it is called or
// warmed, and, when the schema cannot be loaded, lets the submit through to the server (which re-parses the same
// schema) and tries to load again next time.

const options = { fields: {}, shouldUseNativeValidation: false } as unknown as ResolverOptions<never>;

describe("lazyResolver", () => {
  it("gives the schema's own verdicts and loads it once", async () => {
    let loads = 0;
    const lazy = lazyResolver(async () => {
      loads++;
      return (await import("@/lib/forms/resolvers")).agentSignInResolver;
    });
    expect(loads).toBe(0);
    lazy.warm();
    lazy.warm();
    for (const values of [
      { email: "", password: "", code: "" },
      { email: "not-an-email", password: "x", code: "12345" },
      { email: " agent@example.com ", password: "secret", code: "123 456" },
    ]) {
      const got = await lazy.resolver(values, undefined, options as never);
      const want = await agentSignInResolver(values, undefined, options as never);
      expect(got).toEqual(want);
    }
    expect(loads).toBe(1);
  });

  it("keeps the step-one error keys on their boxes", async () => {
    const lazy = lazyResolver(async () => verifyDetailsResolver);
    const values = { bookingRef: "", lastName: "Côté", dobDay: "31", dobMonth: "2", dobYear: "1984" };
    const got = await lazy.resolver(values, undefined, options as never);
    expect(got.errors.bookingRef?.message).toBe("bookingRefRequired");
    expect(got.errors.dobDay?.message).toBe("dateOfBirthReal");
    expect(got.errors.lastName).toBeUndefined();
  });

  it("lets the submit through to the server when the schema cannot load, then tries again", async () => {
    let attempts = 0;
    const lazy = lazyResolver(async () => {
      attempts++;
      if (attempts === 1) throw new Error("chunk failed to load");
      return agentSignInResolver;
    });
    const values = { email: "", password: "", code: "" };
    expect(await lazy.resolver(values, undefined, options as never)).toEqual({ values, errors: {} });
    const second = await lazy.resolver(values, undefined, options as never);
    expect(second.errors.email?.message).toBe("emailRequired");
    expect(attempts).toBe(2);
  });
});
