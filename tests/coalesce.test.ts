import { describe, expect, it } from "vitest";
import { coalesce, coalescePer } from "@/lib/coalesce";

describe("request coalescing", () => {
  it("serves calls of one turn in one batch, in order, and later calls in the next", async () => {
    const batches: number[][] = [];
    const double = coalesce<number, number>(
      async (items) => {
        batches.push(items);
        await new Promise((r) => setTimeout(r, 10));
        return items.map((i) => i * 2);
      },
      { maxBatch: 3 },
    );
    const first = [1, 2, 3, 4].map(double);
    await new Promise((r) => setTimeout(r, 2));
    const late = double(5); // arrives while the first batch runs
    expect(await Promise.all([...first, late])).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it("rejects every call of a failed batch, and keeps serving afterwards", async () => {
    let fail = true;
    const run = coalesce<string, string>(
      async (items) => {
        if (fail) throw new Error("database down");
        return items.map((s) => s.toUpperCase());
      },
      { maxBatch: 10 },
    );
    const results = await Promise.allSettled([run("a"), run("b")]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await run("c")).toBe("C");
  });

  it("refuses a batch that answers the wrong number of calls", async () => {
    const run = coalesce<number, number>(async () => [1], { maxBatch: 10 });
    await expect(Promise.all([run(1), run(2)])).rejects.toThrow(/answered 1 of 2/);
  });

  it("keeps one queue per key", async () => {
    const seen: string[][] = [];
    const per = coalescePer((key: { name: string }) =>
      coalesce<number, string>(
        async (items) => {
          const out = items.map((i) => `${key.name}${i}`);
          seen.push(out);
          return out;
        },
        { maxBatch: 10 },
      ),
    );
    const a = { name: "a" };
    const b = { name: "b" };
    expect(await Promise.all([per(a)(1), per(b)(1), per(a)(2)])).toEqual(["a1", "b1", "a2"]);
    expect(seen.sort()).toEqual([["a1", "a2"], ["b1"]]);
    expect(per(a)).toBe(per(a));
  });
});
