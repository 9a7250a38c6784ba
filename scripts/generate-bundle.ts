import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateBundle } from "@/lib/bundle/generator";

// npm run generate:bundle -- --people 1200000 --seed 1 --out /tmp/bundle [--incident ID] [--no-edge-cases]
// Writes a synthetic breach bundle (same seed, same bundle) and prints its counts as one line of JSON.

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "200" },
    seed: { type: "string", default: "1" },
    out: { type: "string", default: "bundle" },
    incident: { type: "string" },
    "no-edge-cases": { type: "boolean", default: false },
  },
});
const people = Number(values.people);
const seed = Number(values.seed);
if (!Number.isInteger(people) || people < 0 || !Number.isInteger(seed)) {
  console.error("usage: npm run generate:bundle -- --people N --seed S --out DIR [--incident ID] [--no-edge-cases]");
  process.exit(2);
}
const started = performance.now();
const counts = await generateBundle({
  people,
  seed,
  out: resolve(values.out),
  incidentId: values.incident,
  edgeCases: !values["no-edge-cases"],
});
console.error(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(JSON.stringify({ seed, out: values.out, ...counts }));
