import { existsSync, readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// `--profile DIR`: the server runs with Node's --cpu-prof and this prints where its CPU time went (self time by
// function and by file), so a missed target comes with a first answer to "why". Open the .cpuprofile in Chrome
// DevTools or speedscope for the full picture.

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
};
type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };

export const profileArgs = (dir: string) => ["--cpu-prof", `--cpu-prof-dir=${dir}`];

const shortFile = (url: string) => {
  if (!url) return "(native/idle)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return `${rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]} ${rest.slice(-1)[0]}`;
  }
  return url.replace(/^file:\/\//, "").replace(`${process.cwd()}/`, "");
};

export function summariseProfiles(dir: string, top = 25): string {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  const out: string[] = [];
  for (const f of files) {
    const p = JSON.parse(readFileSync(join(dir, f), "utf8")) as CpuProfile;
    const total = p.samples.length;
    const perSample = (p.endTime - p.startTime) / 1000 / Math.max(1, total); // ms
    const byFn = new Map<string, number>();
    const byFile = new Map<string, number>();
    for (const n of p.nodes) {
      const hits = n.hitCount ?? 0;
      if (!hits) continue;
      const fn = `${n.callFrame.functionName || "(anonymous)"} ${shortFile(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
      byFn.set(fn, (byFn.get(fn) ?? 0) + hits);
      if (n.callFrame.functionName === "(idle)") continue;
      const file = shortFile(n.callFrame.url);
      byFile.set(file, (byFile.get(file) ?? 0) + hits);
    }
    const idle = [...p.nodes]
      .filter((n) => n.callFrame.functionName === "(idle)")
      .reduce((s, n) => s + (n.hitCount ?? 0), 0);
    const busy = total - idle;
    const pct = (h: number) => `${((100 * h) / Math.max(1, busy)).toFixed(1)}%`.padStart(6);
    const list = (m: Map<string, number>) =>
      [...m]
        .filter(([k]) => !k.startsWith("(idle)"))
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, h]) => `  ${pct(h)}  ${k}`);
    out.push(
      `${join(dir, f)}: ${((busy * perSample) / 1000).toFixed(1)} s busy of ${((total * perSample) / 1000).toFixed(1)} s`,
    );
    out.push("where the busy time goes (each sample by its whole stack, source-mapped):", ...categories(p));
    out.push("self time by function (% of busy time):", ...list(byFn), "self time by file:", ...list(byFile));
  }
  return out.join("\n");
}

// The busy time in the issue's terms. A sample belongs to the first rule its stack matches (leaf to root for the
// driver and crypto, anywhere on the stack for the after() work), with the app's bundled frames mapped back to their
// source files through the build's source maps. postgres.js parses replies from socket events, so its time cannot
// be split between the request and the after() work: it is one line.
const RULES: Array<[name: string, test: (leaf: string, stack: string[]) => boolean]> = [
  ["garbage collection", (leaf) => leaf === "(garbage collector)"],
  [
    "module loading (start-up, a route's first use)",
    (_, stack) => stack.some((f) => f.startsWith("node:internal/modules/")),
  ],
  [
    "after() work: matching, queueing and delivering codes (after the response)",
    (_, stack) =>
      stack.some((f) => /lib\/verification\/(resolver-queue|resolve-challenge)\.ts|lib\/mail\/deliver/.test(f)),
  ],
  ["postgres.js driver (every query: protocol, parsing)", (leaf) => leaf.includes("node_modules/postgres/")],
  ["crypto (ciphers, HMAC, hashes)", (leaf) => leaf.startsWith("node:internal/crypto")],
  [
    "React rendering and page machinery (Next.js's app-page runtime, bundled React)",
    (leaf) => /app-page(-turbo)?\.runtime|react-dom|react-server-dom/.test(leaf),
  ],
  ["portal code in the request (lib/, db/, app/)", (leaf) => /(^|\/)(lib|db|app)\/[^ ]*\.tsx?/.test(leaf)],
  [
    "portal code's callees in the request (Drizzle, zod, React rendering…)",
    (_, stack) => stack.some((f) => /(^|\/)(lib|db|app)\/[^ ]*\.tsx?/.test(f)),
  ],
  [
    "Next.js per-request work (routing, request/response, streams)",
    (_, stack) => stack.some((f) => f.includes("next/dist")),
  ],
  ["Node itself (HTTP, sockets, timers, module loading) and the rest", () => true],
];

const maps = new Map<string, SourceMap | null>();
function sourceOf(frame: ProfileNode["callFrame"]): string {
  const { url, functionName } = frame;
  if (!url) return functionName;
  if (!url.startsWith("file://") || !url.includes("/server/chunks/")) return url.replace(/^file:\/\//, "");
  const path = fileURLToPath(url);
  if (!maps.has(path)) {
    let map: SourceMap | null = null;
    try {
      if (existsSync(`${path}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, "utf8")));
    } catch {
      /* no usable map: the chunk's own name */
    }
    maps.set(path, map);
  }
  const entry = maps.get(path)?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string };
  return entry?.originalSource?.replace(/^(\.\.\/)+/, "").replace(/^.*\[project\]\//, "") ?? path;
}

function categories(p: CpuProfile): string[] {
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let busy = 0;
  for (const n of p.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits || n.callFrame.functionName === "(idle)") continue;
    busy += hits;
    const stack: string[] = [];
    for (let at: number | undefined = n.id; at !== undefined; at = parent.get(at))
      stack.push(sourceOf(byId.get(at)!.callFrame));
    const leaf = n.callFrame.functionName === "(garbage collector)" ? "(garbage collector)" : stack[0]!;
    const [name] = RULES.find(([, test]) => test(leaf, stack))!;
    totals.set(name, (totals.get(name) ?? 0) + hits);
  }
  return RULES.map(
    ([name]) => `  ${`${((100 * (totals.get(name) ?? 0)) / Math.max(1, busy)).toFixed(1)}%`.padStart(6)}  ${name}`,
  );
}
