import { describe, expect, it } from "vitest";
import { JobQueue } from "@/lib/bundle/job-queue";

// Starts jobs on `free` threads the way the worker pool does: take() until it says null or no thread is free.
function start(q: JobQueue<string>, free: number): Array<{ item: string; background: boolean }> {
  const started = [];
  while (free-- > 0) {
    const next = q.take();
    if (!next) break;
    started.push(next);
  }
  return started;
}

describe("the importer's job queue", () => {
  it("runs lower priorities first, and equal priorities in the order queued", () => {
    const q = new JobQueue<string>(4);
    q.push("encrypt 1", 1);
    q.push("check 1", 0);
    q.push("encrypt 2", 1);
    q.push("check 2", 0);
    expect(start(q, 3).map((s) => s.item)).toEqual(["check 1", "check 2", "encrypt 1"]);
  });

  it("keeps one of two threads free of background jobs, for the checks the database waits for", () => {
    const q = new JobQueue<string>(2);
    for (let i = 1; i <= 3; i++) q.push(`encrypt ${i}`, 1);
    expect(start(q, 2)).toEqual([{ item: "encrypt 1", background: true }]);
    // A check queued now takes the thread the background job could not.
    q.push("check", 0);
    expect(start(q, 1)).toEqual([{ item: "check", background: false }]);
    // The check ending frees nothing for background work; the background job ending does.
    q.done(false);
    expect(q.take()).toBeNull();
    q.done(true);
    expect(q.take()).toEqual({ item: "encrypt 2", background: true });
    expect(q.length).toBe(1);
  });

  it("gives background jobs every thread once the limit is lifted, and never fewer than one", () => {
    const q = new JobQueue<string>(2);
    for (let i = 1; i <= 3; i++) q.push(`encrypt ${i}`, 1);
    expect(start(q, 2)).toHaveLength(1);
    q.setBackgroundLimit(2);
    expect(start(q, 1)).toEqual([{ item: "encrypt 2", background: true }]);
    q.setBackgroundLimit(99); // capped at the thread count
    expect(q.take()).toBeNull();

    // One thread: background work still runs (alone).
    const single = new JobQueue<string>(1);
    single.push("encrypt", 1);
    expect(single.take()).toEqual({ item: "encrypt", background: true });
    single.setBackgroundLimit(0);
    single.push("encrypt again", 1);
    single.done(true);
    expect(single.take()).toEqual({ item: "encrypt again", background: true });
  });
});
