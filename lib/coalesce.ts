import "server-only";

// Request coalescing: calls that arrive while a batch is running wait for the next batch, which then serves all of
// them in one go (one statement, one round trip). Under light traffic a batch holds one call and starts at once;
// under load batches grow by themselves, which is what makes launch-day spikes cheap per request.
// Only the in-flight calls of this process are held here, never state: a call's caller awaits its answer, and if
// the process dies the callers die with it.

export type Coalesced<In, Out> = (item: In) => Promise<Out>;

/**
 * Wraps `run` (which answers a batch in order: one output per input) so single calls are batched. A batch that
 * fails rejects each of its calls with the error.
 */
export function coalesce<In, Out>(
  run: (items: In[]) => Promise<Out[]>,
  opts: { maxBatch: number },
): Coalesced<In, Out> {
  type Waiting = { item: In; resolve: (v: Out) => void; reject: (e: unknown) => void };
  let waiting: Waiting[] = [];
  let running = false;

  async function drain(): Promise<void> {
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, opts.maxBatch);
        waiting = waiting.slice(opts.maxBatch);
        try {
          const out = await run(batch.map((w) => w.item));
          if (out.length !== batch.length) throw new Error(`batch answered ${out.length} of ${batch.length} calls`);
          batch.forEach((w, i) => {
            w.resolve(out[i]!);
          });
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    } finally {
      running = false;
    }
  }

  return (item) =>
    new Promise<Out>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!running) {
        running = true;
        // Let the other calls of this event-loop turn join the first batch.
        setImmediate(() => void drain());
      }
    });
}

/** One coalescer per key (a database handle: tests and tools may hold several at once). */
export function coalescePer<K extends object, In, Out>(
  make: (key: K) => Coalesced<In, Out>,
): (key: K) => Coalesced<In, Out> {
  const byKey = new WeakMap<K, Coalesced<In, Out>>();
  return (key) => {
    let c = byKey.get(key);
    if (!c) {
      c = make(key);
      byKey.set(key, c);
    }
    return c;
  };
}
