// The importer's job queue, apart from the threads that run the jobs (pool.ts) so its rules can be tested alone.
//
// Lower priority numbers run first; equal priorities run in the order queued. Background jobs (priority > 0:
// bulk mode's encryption of people, which has slack) may hold at most `threads - 1` threads by default: with as
// many threads as cores, letting them take every thread starves what is on the critical path (the checks the
// database is waiting for, and the database itself). Once the database waits for the background work itself,
// the importer lifts the limit (setBackgroundLimit).

export class JobQueue<T> {
  private readonly queued: Array<{ item: T; priority: number }> = [];
  private running = 0;
  private limit: number;

  constructor(private readonly threads: number) {
    this.limit = Math.max(1, threads - 1);
  }

  get length(): number {
    return this.queued.length;
  }

  push(item: T, priority = 0): void {
    // The queue is short (each feed keeps a small window in flight): a linear insert is enough.
    let at = this.queued.length;
    while (at > 0 && this.queued[at - 1]!.priority > priority) at--;
    this.queued.splice(at, 0, { item, priority });
  }

  /** The next job for a free thread, or null: nothing queued, or only background jobs and they are at their limit. */
  take(): { item: T; background: boolean } | null {
    const head = this.queued[0];
    if (!head) return null;
    const background = head.priority > 0;
    // Sorted by priority: if the head is a background job, everything behind it is one too.
    if (background && this.running >= this.limit) return null;
    this.queued.shift();
    if (background) this.running++;
    return { item: head.item, background };
  }

  /** A job from take() has ended (or failed). */
  done(background: boolean): void {
    if (background && this.running > 0) this.running--;
  }

  /** How many threads background jobs may hold at once (1 to all of them). */
  setBackgroundLimit(threads: number): void {
    this.limit = Math.max(1, Math.min(this.threads, threads));
  }
}
