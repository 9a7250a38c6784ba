import { Agent, request as httpRequest } from "node:http";

// The open-loop load generator (wrk2's method): requests are due at fixed times, `rate` per second, whatever the
// responses do, and each latency is counted from the moment its request was due, not from when it could be sent.
// A stall therefore shows in every request it delays (no coordinated omission), as it would for people arriving
// on notice day. Requests go over a pool of keep-alive connections (as a load balancer keeps upstream): Node's
// http.Agent with `maxSockets` connections; a request due while every connection is busy waits in the agent's
// queue, and that wait is part of its latency. (fetch with an unbounded pool piles up connections instead, and its
// figures collapse on this kind of machine.)

export type OpenRequest = {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  /** Bodies taken in turn, one per request (step one's varied details); none for a GET. */
  bodies?: Buffer[];
  expectStatus: number;
  /** The body must equal / contain this (checked only where given; a wrong body counts as a mismatch). */
  bodyEquals?: string;
  bodyIncludes?: string;
};

export type OpenRun = {
  base: string;
  /** Taken in turn: one route, or a mix (the soak). */
  requests: OpenRequest[];
  rate: number;
  seconds: number;
  connections: number;
  /** A request unanswered this long after it was due is abandoned and counted as an error. */
  timeoutMs?: number;
  /** Called every `everySeconds` with the figures of that interval only (the soak's progress lines). */
  progress?: { everySeconds: number; report: (atSeconds: number, interval: OpenFigures) => void };
};

export type OpenFigures = {
  offered: number;
  /** Responses per second over the run (the last due time, or the last answer if later). */
  achieved: number;
  sent: number;
  completed: number;
  /** Wrong status, connection errors, timeouts (wrong bodies are counted apart, under mismatches). */
  errors: number;
  mismatches: number;
  statuses: Record<string, number>;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** How late the generator itself dispatched requests (its own timer lag, not the server's): worst case, ms. */
  generatorLagMs: number;
};

let stopping: (() => void) | null = null;
/** Ends the run in progress early (Ctrl-C). */
export const stopOpenLoop = () => stopping?.();

type Sample = { latency: number; ok: boolean; mismatch: boolean; status: string };

export function summarise(samples: Sample[], offered: number, seconds: number, sent: number, lag = 0): OpenFigures {
  const lat = Float64Array.from(samples, (s) => s.latency).sort();
  const q = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.ceil(p * lat.length) - 1)]! : 0);
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  return {
    offered,
    achieved: samples.filter((s) => s.status !== "error" && s.status !== "timeout").length / Math.max(seconds, 1e-3),
    sent,
    completed: samples.length,
    errors: samples.filter((s) => !s.ok).length,
    mismatches: samples.filter((s) => s.mismatch).length,
    statuses,
    p50: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    max: lat.length ? lat[lat.length - 1]! : 0,
    generatorLagMs: lag,
  };
}

export async function openLoop(run: OpenRun): Promise<OpenFigures> {
  const url = new URL(run.base);
  const agent = new Agent({
    keepAlive: true,
    maxSockets: run.connections,
    maxFreeSockets: run.connections,
    scheduling: "fifo",
  });
  const timeoutMs = run.timeoutMs ?? 10_000;
  const interval = 1000 / run.rate;
  const total = Math.max(1, Math.round(run.rate * run.seconds));
  const samples: Sample[] = [];
  let intervalSamples: Sample[] = [];
  const bodyTurn = new Map<OpenRequest, number>();
  let sent = 0;
  let answered = 0;
  let lag = 0;
  let lastAnswer = 0;
  let stopped = false;

  const record = (s: Sample) => {
    samples.push(s);
    intervalSamples.push(s);
    answered++;
  };

  const fire = (due: number, spec: OpenRequest) => {
    let body: Buffer | undefined;
    if (spec.bodies?.length) {
      const turn = bodyTurn.get(spec) ?? 0;
      body = spec.bodies[turn % spec.bodies.length];
      bodyTurn.set(spec, turn + 1);
    }
    let done = false;
    const finish = (status: string, ok: boolean, mismatch = false) => {
      if (done) return;
      done = true;
      lastAnswer = performance.now();
      record({ latency: lastAnswer - due, ok, mismatch, status });
    };
    const req = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: spec.method,
        path: spec.path,
        headers: body ? { ...spec.headers, "content-length": String(body.length) } : spec.headers,
      },
      (res) => {
        const check = spec.bodyEquals !== undefined || spec.bodyIncludes !== undefined;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => check && chunks.push(c));
        res.on("end", () => {
          const text = check ? Buffer.concat(chunks).toString("utf8") : "";
          const mismatch =
            (spec.bodyEquals !== undefined && text !== spec.bodyEquals) ||
            (spec.bodyIncludes !== undefined && !text.includes(spec.bodyIncludes));
          finish(String(res.statusCode), res.statusCode === spec.expectStatus, mismatch);
        });
        res.on("error", () => finish("error", false));
      },
    );
    // The deadline runs from the due time, including any wait for a free connection.
    const timer = setTimeout(
      () => {
        finish("timeout", false);
        req.destroy();
      },
      Math.max(1, due + timeoutMs - performance.now()),
    );
    req.on("close", () => clearTimeout(timer));
    req.on("error", () => finish("error", false));
    req.end(body);
    sent++;
  };

  const start = performance.now() + 20;
  let lastProgress = start;
  await new Promise<void>((resolve) => {
    stopping = () => {
      stopped = true;
    };
    // Every millisecond, send whatever has fallen due (several at once if the timer was late: their latency is
    // still counted from their own due times).
    const tick = () => {
      const now = performance.now();
      while (sent < total && !stopped && start + sent * interval <= now) {
        const due = start + sent * interval;
        lag = Math.max(lag, now - due);
        fire(due, run.requests[sent % run.requests.length]!);
      }
      if (run.progress && now - lastProgress >= run.progress.everySeconds * 1000) {
        const figures = summarise(intervalSamples, run.rate, (now - lastProgress) / 1000, intervalSamples.length);
        intervalSamples = [];
        lastProgress = now;
        run.progress.report((now - start) / 1000, figures);
      }
      if ((sent >= total || stopped) && answered >= sent) return resolve();
      setTimeout(tick, sent >= total ? 5 : 1);
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  stopping = null;
  agent.destroy();
  // Requests never sent (Ctrl-C) are not counted; the run's length is its schedule, or the last answer if later.
  const seconds = Math.max(sent * interval, lastAnswer - start) / 1000;
  return summarise(samples, run.rate, seconds, sent, lag);
}
