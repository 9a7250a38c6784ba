import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { openLoop } from "@/bench/lookup/open-loop";

// The benchmark's open-loop generator against a real local HTTP server: requests go out at the offered rate
// whatever the server does, and a stall is charged to every request due while it lasted (latency from the due
// time, not from when a connection was free). No database: the same in both vitest projects.

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A server that answers "ok", except what `behave` decides for the nth request (1-based). */
async function serve(behave: (n: number, res: import("node:http").ServerResponse) => boolean): Promise<string> {
  let n = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (!behave(++n, res)) res.end("ok");
    });
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("open-loop load generator", () => {
  it("charges one stall to every request due during it, over a single connection", async () => {
    // The 20th request stalls 200 ms (a server-side pause, as a blocked event loop or a slow query would make):
    // with one connection, the ~40 requests due meanwhile queue behind it.
    const base = await serve((n, res) => {
      if (n !== 20) return false;
      setTimeout(() => res.end("ok"), 200);
      return true;
    });
    const run = openLoop({
      base,
      requests: [{ method: "GET", path: "/", headers: {}, expectStatus: 200, bodyEquals: "ok" }],
      rate: 200,
      seconds: 0.5,
      connections: 1,
    });
    const f = await run;
    expect(f.sent).toBe(100);
    expect(f.completed).toBe(100);
    expect(f.errors).toBe(0);
    expect(f.mismatches).toBe(0);
    // The requests due behind the stall waited for it: counted from their due times, not hidden (a closed loop
    // would have sent them after it, and charged it once).
    expect(f.max).toBeGreaterThanOrEqual(190);
    expect(f.p90).toBeGreaterThan(50);
  });

  it("counts wrong statuses as errors and wrong bodies as mismatches, and sends each body in turn", async () => {
    const bodies: string[] = [];
    const base = await serve((n, res) => {
      if (n % 10 === 0) {
        res.statusCode = 500;
        res.end("no");
        return true;
      }
      if (n % 10 === 5) {
        res.end("not ok");
        return true;
      }
      return false;
    });
    server!.prependListener("request", (req) => {
      let s = "";
      req.on("data", (c: Buffer) => (s += c.toString()));
      req.on("end", () => bodies.push(s));
    });
    const f = await openLoop({
      base,
      requests: [
        {
          method: "POST",
          path: "/",
          headers: { "content-type": "text/plain" },
          bodies: [Buffer.from("a"), Buffer.from("b")],
          expectStatus: 200,
          bodyEquals: "ok",
        },
      ],
      rate: 100,
      seconds: 0.4,
      connections: 4,
    });
    expect(f.sent).toBe(40);
    expect(f.statuses).toEqual({ "200": 36, "500": 4 });
    expect(f.errors).toBe(4);
    expect(f.mismatches).toBe(8); // the four "not ok" and the four 500s' "no"
    expect(bodies.filter((b) => b === "a")).toHaveLength(20);
    expect(bodies.filter((b) => b === "b")).toHaveLength(20);
  });
});
