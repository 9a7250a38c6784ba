import "server-only";
import { parentPort, workerData } from "node:worker_threads";
import type { ProtectKeys } from "./protect";
import { adoptPersonIndex, type ChunkJob, type LookupJob, runChunkJob, runLookupJob, transferables } from "./rows";

// One importer worker thread: runs chunk and lookup jobs with the keys it was started with (it never reads the
// environment) and hands the COPY text back without copying it.

const keys = workerData as ProtectKeys;
const port = parentPort!;

type Message = { id: number; job: ChunkJob | LookupJob } | { id: number; personIndex: SharedArrayBuffer | null };

port.on("message", (msg: Message) => {
  try {
    if ("personIndex" in msg) {
      adoptPersonIndex(msg.personIndex);
      port.postMessage({ id: msg.id, result: null });
      return;
    }
    const result = msg.job.kind === "lookup" ? runLookupJob(msg.job, keys) : runChunkJob(msg.job, keys);
    port.postMessage({ id: msg.id, result }, transferables(result));
  } catch (err) {
    // Messages from our own code carry no personal data; anything else is reduced to its type.
    const message = err instanceof Error && err.message.length < 200 ? err.message : "worker job failed";
    port.postMessage({ id: msg.id, error: message });
  }
});
port.postMessage({ ready: true });
