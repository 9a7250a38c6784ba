import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { openLoop } from "@/bench/lookup/open-loop";
import { maxTable, p99Ratios } from "@/bench/lookup/open-report";

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

describe("open-loop verdicts", () => {
  const figures = (offered: number, p99: number, errors = 0) => ({
    offered,
    achieved: offered,
    sent: offered,
    completed: offered,
    errors,
    mismatches: 0,
    statuses: {},
    p50: p99 / 2,
    p90: p99,
    p99,
    max: p99,
    generatorLagMs: 0,
  });
  const row = (route: "ping" | "step-one" | "my", offered: number, p99: number, errors = 0) => ({
    target: "1 instance",
    route,
    name: route,
    figures: figures(offered, p99, errors),
    appCpuMs: null,
    dbCpuMs: null,
    drainSeconds: 0,
  });

  it("judges p99 against /api/ping's at 400/s only, and fails on errors", () => {
    expect(p99Ratios([row("ping", 400, 20), row("step-one", 400, 40), row("my", 400, 30)]).pass).toBe(true);
    expect(p99Ratios([row("ping", 400, 20), row("step-one", 400, 41)]).pass).toBe(false);
    expect(p99Ratios([row("ping", 400, 20), row("step-one", 400, 30, 1)]).pass).toBe(false);
    // Below the spike rate the ratio is printed, not judged.
    const low = p99Ratios([row("ping", 100, 5), row("step-one", 100, 50)]);
    expect(low.pass).toBe(true);
    expect(low.lines[0]).toContain("10.00×");
  });

  it("judges the highest rates against /api/ping's and N instances against one", () => {
    const found = (target: string, route: "ping" | "step-one", max: number) => ({
      target,
      route,
      name: route,
      max,
      probes: [],
    });
    const one = [found("one", "ping", 300), found("one", "step-one", 160)];
    expect(maxTable(one, 50).pass).toBe(true);
    expect(maxTable([found("one", "ping", 300), found("one", "step-one", 140)], 50).pass).toBe(false);
    const two = [...one, found("two", "ping", 480), found("two", "step-one", 250)];
    const verdict = maxTable(two, 50);
    expect(verdict.pass).toBe(true);
    expect(verdict.lines.filter((l) => l.includes("sustain"))).toHaveLength(2);
    expect(maxTable([...one, found("two", "ping", 480), found("two", "step-one", 200)], 50).pass).toBe(false);
  });
});
