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
};

export const ROUTE_NAMES = ["ping", "step-one", "my"] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export const USAGE =
  "usage: npm run bench:lookup -- [--people 1200000] [--connections 32] [--duration 10] [--warmup 3] [--sample 4000] [--seed 1] [--keep] [--skip-build]\n" +
  "       [--routes ping,step-one,my] [--profile DIR] [--reuse-db NAME] [--sweep 1,4,8,16,32]\n" +
  "  BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): where the scratch database is created";

export function parseOptions(argv: string[]): LookupBenchOptions | null {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        people: { type: "string", default: "1200000" },
        seed: { type: "string", default: "1" },
        connections: { type: "string", default: "32" },
        duration: { type: "string", default: "10" },
        warmup: { type: "string", default: "3" },
        sample: { type: "string", default: "4000" },
        keep: { type: "boolean", default: false },
        "skip-build": { type: "boolean", default: false },
        routes: { type: "string", default: ROUTE_NAMES.join(",") },
        profile: { type: "string" },
        "reuse-db": { type: "string" },
        sweep: { type: "string" },
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
    return {
      people: int(values.people, 100),
      seed: int(values.seed, 0),
      connections: int(values.connections, 1),
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
  } catch {
    return null;
  }
}
