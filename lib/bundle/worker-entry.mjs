// Worker thread entry for the bundle importer. Plain JavaScript so Node can start it anywhere (the tsx CLI,
// vitest, a bare `node`): it registers tsx, then loads the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
