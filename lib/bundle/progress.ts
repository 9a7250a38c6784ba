// Progress of an import, reported at most about once a second per step (never per row): the CLI prints it to
// stderr; callers such as the first-start loader may ignore it.

export type ImportPhase = "check" | "write";

export type ImportProgress = {
  phase: ImportPhase;
  /** What is being processed: a file name, or a step such as "exposures (insert)". */
  step: string;
  rows: number;
  rowsPerSecond: number;
  elapsedMs: number;
  done: boolean;
};

export class ProgressTracker {
  private readonly steps = new Map<string, { started: number; rows: number; lastEmit: number }>();

  constructor(
    private readonly onProgress: ((p: ImportProgress) => void) | undefined,
    private readonly intervalMs = 1000,
  ) {}

  add(phase: ImportPhase, step: string, rows: number): void {
    const key = `${phase}:${step}`;
    const now = performance.now();
    let s = this.steps.get(key);
    if (!s) {
      s = { started: now, rows: 0, lastEmit: now };
      this.steps.set(key, s);
    }
    s.rows += rows;
    if (now - s.lastEmit >= this.intervalMs) {
      s.lastEmit = now;
      this.emit(phase, step, s, now, false);
    }
  }

  /** Times one statement-like step; a numeric result is reported as its row count. */
  async time<T>(phase: ImportPhase, step: string, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await fn();
    const rows = typeof result === "number" ? result : 0;
    this.emit(phase, step, { started, rows }, performance.now(), true);
    return result;
  }

  /** Reports a finished step measured elsewhere. */
  report(phase: ImportPhase, step: string, elapsedMs: number): void {
    const now = performance.now();
    this.emit(phase, step, { started: now - elapsedMs, rows: 0 }, now, true);
  }

  done(phase: ImportPhase, step: string): void {
    const key = `${phase}:${step}`;
    const now = performance.now();
    const s = this.steps.get(key) ?? { started: now, rows: 0, lastEmit: now };
    this.emit(phase, step, s, now, true);
  }

  private emit(
    phase: ImportPhase,
    step: string,
    s: { started: number; rows: number },
    now: number,
    done: boolean,
  ): void {
    if (!this.onProgress) return;
    const elapsedMs = now - s.started;
    this.onProgress({
      phase,
      step,
      rows: s.rows,
      rowsPerSecond: elapsedMs > 0 ? (s.rows * 1000) / elapsedMs : 0,
      elapsedMs,
      done,
    });
  }
}

/** "check people.csv: 350,000 rows (87,500 rows/s)". */
export function formatProgress(p: ImportProgress): string {
  const n = (v: number) => Math.round(v).toLocaleString("en-CA");
  const what = p.done ? `${n(p.rows)} rows in ${(p.elapsedMs / 1000).toFixed(1)} s` : `${n(p.rows)} rows`;
  return `${p.phase} ${p.step}: ${what} (${n(p.rowsPerSecond)} rows/s)`;
}
