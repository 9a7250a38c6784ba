import { resolve } from "node:path";
import { parseArgs } from "node:util";

// Command-line options of `npm run bench:lookup`.

export type LookupBenchOptions = {
  people: number;
  seed: number;
  connections: number;
  /** Seconds per measured route. */
  duration: number;
  /** Seconds of warm-up per route before it is measured. */
  warmup: number;
  /** Travellers sampled from the bundle for step one's request bodies. */
  sample: number;
  keep: boolean;
  skipBuild: boolean;
  /** Which routes to measure (all by default; the verdict needs ping and step-one). */
  routes: Set<RouteName>;
  /** Run the server with Node's --cpu-prof into this folder and summarise the profile. */
  profile: string | null;
  /** A database kept by an earlier --keep run (its name): skips creating and importing. */
  reuseDb: string | null;
  /** Also measure the trivial route and step one at each of these connection counts (latency against load). */
  sweep: number[];
  adminUrl: string;
  /** Open loop (requests due at fixed rates) instead of autocannon's closed loop. */
  openLoop: boolean;
  /** Offered rates, requests per second (open loop; the soak takes the first). */
  rates: number[];
  /** Search each route's highest rate with p99 under `p99Bound` ms. */
  findMax: boolean;
  p99Bound: number;
  /** App instances (more than one: deploy/'s layout through startDeployment, with one instance, then with N). */
  instances: number;
  /** Measure a deployment someone else started instead (its instances' pids in `pids`, for memory). */
  baseUrl: string | null;
  pids: number[];
  /** Minutes of soak at the first rate (0: none). */
  soakMinutes: number;
  /** taskset CPU lists: the load generator (this process), and the servers the bench starts. */
  pinGenerator: string | null;
  pinServers: string | null;
};

export const ROUTE_NAMES = ["ping", "step-one", "my"] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export const USAGE =
  "usage: npm run bench:lookup -- [--people 1200000] [--connections 32] [--duration 10] [--warmup 3] [--sample 4000] [--seed 1] [--keep] [--skip-build]\n" +
  "       [--routes ping,step-one,my] [--profile DIR] [--reuse-db NAME] [--sweep 1,4,8,16,32]\n" +
  "       open loop: --open-loop [--rate 100,200,400] [--connections 64] [--find-max] [--p99-bound 50] [--target-check]\n" +
  "       [--instances N | --base-url URL [--pids P1,P2]] [--soak MINUTES] [--pin-generator CPUS] [--pin-servers CPUS]\n" +
  "  BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): where the scratch database is created";

export function parseOptions(argv: string[]): LookupBenchOptions | null {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        people: { type: "string", default: "1200000" },
        seed: { type: "string", default: "1" },
        connections: { type: "string" },
        duration: { type: "string", default: "10" },
        warmup: { type: "string", default: "3" },
        sample: { type: "string", default: "4000" },
        keep: { type: "boolean", default: false },
        "skip-build": { type: "boolean", default: false },
        routes: { type: "string", default: ROUTE_NAMES.join(",") },
        profile: { type: "string" },
        "reuse-db": { type: "string" },
        sweep: { type: "string" },
        "open-loop": { type: "boolean", default: false },
        rate: { type: "string" },
        "find-max": { type: "boolean", default: false },
        "p99-bound": { type: "string", default: "50" },
        "target-check": { type: "boolean", default: false },
        instances: { type: "string", default: "1" },
        "base-url": { type: "string" },
        pids: { type: "string" },
        soak: { type: "string", default: "0" },
        "pin-generator": { type: "string" },
        "pin-servers": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) return null;
    const int = (v: string, min: number) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) throw new Error(`bad number ${v}`);
      return n;
    };
    const routes = new Set(
      values.routes
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean),
    );
    if (routes.size === 0 || [...routes].some((r) => !(ROUTE_NAMES as readonly string[]).includes(r)))
      throw new Error("bad --routes");
    const list = (v: string | undefined) =>
      (v ?? "")
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean)
        .map((c) => int(c, 1));
    const soakMinutes = Number(values.soak);
    if (!(soakMinutes >= 0)) throw new Error("bad --soak");
    // --target-check is the spike: 400 requests/s offered to every route, beside the trivial route.
    // Every open-loop option implies it, and so do several instances: their figures are the open loop's (issue 13).
    const openLoop =
      values["open-loop"] ||
      values["find-max"] ||
      values["target-check"] ||
      soakMinutes > 0 ||
      !!values.rate ||
      values.instances !== "1";
    const rates = values.rate ? list(values.rate) : values["target-check"] ? [400] : [100, 200, 400];
    if (rates.length === 0) throw new Error("bad --rate");
    if (values["base-url"] && values.instances !== "1")
      throw new Error("--base-url and --instances exclude each other");
    if (values["base-url"] && !values["reuse-db"]) throw new Error("--base-url needs --reuse-db NAME");
    const cpus = (v: string | undefined) => {
      if (v !== undefined && !/^\d+([-,]\d+)*$/.test(v)) throw new Error(`bad CPU list ${v}`);
      return v ?? null;
    };
    return {
      openLoop,
      rates,
      findMax: values["find-max"],
      p99Bound: int(values["p99-bound"], 1),
      instances: int(values.instances, 1),
      baseUrl: values["base-url"] ?? null,
      pids: list(values.pids),
      soakMinutes,
      pinGenerator: cpus(values["pin-generator"]),
      pinServers: cpus(values["pin-servers"]),
      people: int(values.people, 100),
      seed: int(values.seed, 0),
      connections: int(values.connections ?? (openLoop ? "64" : "32"), 1),
      duration: int(values.duration, 1),
      warmup: int(values.warmup, 0),
      sample: int(values.sample, 10),
      keep: values.keep,
      skipBuild: values["skip-build"],
      routes: routes as Set<RouteName>,
      profile: values.profile ? resolve(values.profile) : null,
      reuseDb: values["reuse-db"] ?? null,
      sweep: values.sweep ? values.sweep.split(",").map((c) => int(c.trim(), 1)) : [],
      adminUrl: process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres",
    };
  } catch (err) {
    console.error((err as Error).message);
    return null;
  }
}
