import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// `--profile DIR`: the server runs with Node's --cpu-prof and this prints where its CPU time went (self time by
// function and by file), so a missed target comes with a first answer to "why". Open the .cpuprofile in Chrome
// DevTools or speedscope for the full picture.

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
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
    out.push("self time by function (% of busy time):", ...list(byFn), "self time by file:", ...list(byFile));
  }
  return out.join("\n");
}
