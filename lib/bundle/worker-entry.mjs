// Worker thread entry for the bundle importer. Plain JavaScript so Node can start it from anywhere (the tsx
// CLI, vitest, a bare `node`): it registers tsx for TypeScript, maps `server-only` to an empty module (a worker
// is server code by definition, whatever conditions started the process), then loads the TypeScript worker.
import { register } from "node:module";
import { register as registerTsx } from "tsx/esm/api";

register("./worker-hooks.mjs", import.meta.url);
registerTsx();
await import("./worker.ts");
