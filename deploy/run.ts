import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join, resolve } from "node:path";

// The production layout on one machine: PgBouncer (transaction mode) in front of PostgreSQL, N portal instances
// (scripts/portal-server.ts serving the production build, as `npm start` does), the worker, and nginx balancing the
// instances, from the templates next to this file. For local use (`npm run deploy:local`), the multi-instance
// tests (deploy/tests) and the benchmarks (startDeployment). Every process is a child of this one: stop() (or
// Ctrl-C on the command line) stops nginx first, then lets the instances drain, then the worker and PgBouncer.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal npm run deploy:local -- [--instances 2] [--port 8080]
//     [--no-worker] [--build]
// prepares the database (migrations; the demo data on a first start outside production) directly, as the import
// does, then serves on http://127.0.0.1:PORT. Needs Debian's nginx and pgbouncer (NGINX_BIN, PGBOUNCER_BIN).

const HERE = import.meta.dirname;
const ROOT = resolve(HERE, "..");
const NGINX_BIN = process.env.NGINX_BIN || "/usr/sbin/nginx";
const PGBOUNCER_BIN = process.env.PGBOUNCER_BIN || "/usr/sbin/pgbouncer";

export type DeploymentOptions = {
  /** Direct PostgreSQL URL: what PgBouncer connects to. The database must be migrated already. */
  databaseUrl: string;
  /** Number of portal instances (default 2). */
  instances?: number;
  /** nginx's port on 127.0.0.1. The instances take the next ports, then PgBouncer, unless given below. */
  port: number;
  instancePorts?: number[];
  pgbouncerPort?: number;
  /** The app's environment (keys, APP_ENV, limits…); DATABASE_URL, TRUSTED_PROXY_HOPS and the like are set here. */
  env: NodeJS.ProcessEnv;
  /** The production build's folder (NEXT_DIST_DIR, default .next); build it first (`next build`). */
  distDir?: string;
  /** Start the worker (default true). */
  worker?: boolean;
  /** How long a SIGTERMed instance keeps serving with /api/health at 503 before it stops listening (ms). */
  drainDelayMs?: number;
  /** Adds X-Portal-Upstream (the instance that answered) to every response: tests and benchmarks only. */
  exposeUpstream?: boolean;
  /** nginx worker processes (default 1: on a small machine the cores are the instances'). */
  nginxWorkers?: number;
  /** PgBouncer's server connections for the app's pool (default 8). */
  poolSize?: number;
  /** Extra arguments for node in each instance (e.g. --cpu-prof for a benchmark). */
  instanceNodeArgs?: string[];
  /** Folder for the generated configuration and the logs (default: a new temporary folder, removed by stop()). */
  runDir?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
};

export type Instance = { index: number; port: number; url: string; pid: () => number | undefined };

export type Deployment = {
  /** nginx: where clients go. */
  url: string;
  instances: Instance[];
  /** The app's pool through PgBouncer. */
  pgbouncerUrl: string;
  runDir: string;
  /** SIGTERM to instance `i` (it drains: health 503, in-flight requests finish); resolves once it exited. */
  stopInstance: (i: number, signal?: NodeJS.Signals) => Promise<void>;
  /** Starts instance `i` again; resolves once its /api/health says 200. */
  startInstance: (i: number) => Promise<void>;
  /** The tail of a process's log: "nginx", "pgbouncer", "worker" or "instance-<i>". */
  logTail: (name: string, lines?: number) => string;
  stop: () => Promise<void>;
};

/** Fills {{NAME}} placeholders; an unknown name is a bug in the caller, not something to leave in a config. */
export function render(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {{${name}}}`);
    return value;
  });
}

type Child = { name: string; process: ChildProcess; exited: Promise<void> };

function spawnLogged(name: string, runDir: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const out = openSync(join(runDir, `${name}.log`), "a");
  // Its own process group: tsx starts node in a child, and stopping the group stops both.
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", out, out], detached: true });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return { name, process: child, exited };
}

const running = (c: Child | undefined): c is Child =>
  !!c && c.process.exitCode === null && c.process.signalCode === null;

async function stopChild(c: Child | undefined, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (!running(c) || c.process.pid === undefined) return;
  try {
    process.kill(-c.process.pid, signal);
  } catch {
    return;
  }
  const timer = new Promise<"late">((r) => setTimeout(() => r("late"), graceMs).unref());
  if ((await Promise.race([c.exited, timer])) === "late") {
    try {
      process.kill(-c.process.pid, "SIGKILL");
    } catch {
      /* gone meanwhile */
    }
    await c.exited;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((r) => {
    const s = connect({ port, host: "127.0.0.1" });
    s.once("connect", () => {
      s.destroy();
      r(true);
    });
    s.once("error", () => r(false));
  });
}

/** Waits for `ready()` (polled every 100 ms), failing early if the child exits and after `seconds`. */
async function until(what: string, child: Child, ready: () => Promise<boolean>, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (!running(child)) throw new Error(`${what} exited before it was ready`);
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const healthy = (url: string) => async () => (await fetch(`${url}/api/health`)).status === 200;

export async function startDeployment(opts: DeploymentOptions): Promise<Deployment> {
  const count = opts.instances ?? 2;
  const ports = opts.instancePorts ?? Array.from({ length: count }, (_, i) => opts.port + 1 + i);
  const bouncerPort = opts.pgbouncerPort ?? opts.port + count + 1;
  const ownRunDir = !opts.runDir;
  const runDir = opts.runDir ?? mkdtempSync(join(tmpdir(), "portal-deploy-"));
  mkdirSync(runDir, { recursive: true });
  // nginx's workers and PgBouncer drop root for an unprivileged user, which must still read the generated files.
  chmodSync(runDir, 0o755);
  const log = opts.log ?? (() => {});
  const asRoot = userInfo().uid === 0;

  const pg = new URL(opts.databaseUrl);
  const pgDb = decodeURIComponent(pg.pathname.slice(1)) || "postgres";
  const pgUser = decodeURIComponent(pg.username) || "postgres";
  const appDb = "portal";
  const workerDb = "portal_worker";
  const bouncerUrl = (db: string) => `postgres://${encodeURIComponent(pgUser)}@127.0.0.1:${bouncerPort}/${db}`;
  const pgbouncerIni = render(readFileSync(join(HERE, "pgbouncer.ini.template"), "utf8"), {
    APP_DB: appDb,
    WORKER_DB: workerDb,
    PG_HOST: pg.hostname || "127.0.0.1",
    PG_PORT: pg.port || "5432",
    PG_DB: pgDb,
    PG_USER: pgUser,
    STATEMENT_TIMEOUT_MS: String(Number(opts.env.DB_STATEMENT_TIMEOUT ?? 5000) || 0),
    // PgBouncer will not run as root; it drops to the PostgreSQL account's user instead.
    USER_LINE: asRoot ? "user = postgres" : "",
    LISTEN_ADDR: "127.0.0.1",
    LISTEN_PORT: String(bouncerPort),
    AUTH_TYPE: "trust",
    RUN_DIR: runDir,
    POOL_SIZE: String(opts.poolSize ?? 8),
  });
  writeFileSync(join(runDir, "pgbouncer.ini"), pgbouncerIni, { mode: 0o644 });
  writeFileSync(join(runDir, "userlist.txt"), `"${pgUser}" ""\n`, { mode: 0o644 });

  const upstreamLines = (down: Set<number>) =>
    ports
      .map((p, i) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s${down.has(i) ? " down" : ""};`)
      .join("\n");
  const writeNginxConf = (down = new Set<number>()) =>
    writeFileSync(
      join(runDir, "nginx.conf"),
      render(readFileSync(join(HERE, "nginx.conf.template"), "utf8"), {
        WORKER_PROCESSES: String(opts.nginxWorkers ?? 1),
        RUN_DIR: runDir,
        ACCESS_LOG: "off",
        UPSTREAM_SERVERS: upstreamLines(down),
        LISTEN: `127.0.0.1:${opts.port}`,
        EXTRA_LOCATION: opts.exposeUpstream ? "      add_header X-Portal-Upstream $upstream_addr always;" : "",
      }),
      { mode: 0o644 },
    );
  writeNginxConf();

  const children: Child[] = [];
  const instances: (Child | undefined)[] = ports.map(() => undefined);
  let nginx: Child | undefined;
  let worker: Child | undefined;
  let bouncer: Child | undefined;
  const baseEnv: NodeJS.ProcessEnv = {
    ...opts.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: opts.distDir ?? opts.env.NEXT_DIST_DIR ?? ".next",
    // nginx is the one proxy in front of every instance (deploy/nginx.conf.template).
    TRUSTED_PROXY_HOPS: "1",
    PUBLIC_URL: opts.env.PUBLIC_URL || `http://127.0.0.1:${opts.port}`,
  };

  const startInstance = async (i: number) => {
    const port = ports[i]!;
    const child = spawnLogged(
      `instance-${i}`,
      runDir,
      process.execPath,
      [
        ...(opts.instanceNodeArgs ?? []),
        "--import",
        "tsx",
        "scripts/portal-server.ts",
        "--port",
        String(port),
        "--host",
        "127.0.0.1",
      ],
      {
        ...baseEnv,
        DATABASE_URL: bouncerUrl(appDb),
        DATABASE_PGBOUNCER: "1",
        DRAIN_DELAY_MS: String(opts.drainDelayMs ?? 1000),
      },
    );
    instances[i] = child;
    children.push(child);
    await until(`instance ${i} (port ${port})`, child, healthy(`http://127.0.0.1:${port}`), 90);
    log(`instance ${i} ready on 127.0.0.1:${port}`);
  };

  const stop = async () => {
    // nginx first (no new requests), then the instances drain, then what they depend on.
    await stopChild(nginx, "SIGQUIT", 5_000);
    await Promise.all(instances.map((c) => stopChild(c, "SIGTERM", 15_000)));
    await stopChild(worker, "SIGTERM", 10_000);
    await stopChild(bouncer, "SIGTERM", 5_000);
    for (const c of children) await stopChild(c, "SIGKILL", 1_000);
    if (ownRunDir && process.env.DEPLOY_KEEP_RUN_DIR !== "1") rmSync(runDir, { recursive: true, force: true });
  };

  try {
    bouncer = spawnLogged("pgbouncer", runDir, PGBOUNCER_BIN, [join(runDir, "pgbouncer.ini")], process.env);
    children.push(bouncer);
    await until("pgbouncer", bouncer, () => portOpen(bouncerPort), 15);
    log(`pgbouncer on 127.0.0.1:${bouncerPort} → ${pg.hostname}:${pg.port || 5432}/${pgDb}`);

    await Promise.all(ports.map((_, i) => startInstance(i)));

    if (opts.worker !== false) {
      worker = spawnLogged(
        "worker",
        runDir,
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"],
        { ...baseEnv, DATABASE_URL: bouncerUrl(workerDb), DATABASE_PGBOUNCER: "1" },
      );
      children.push(worker);
      log("worker started");
    }

    const conf = join(runDir, "nginx.conf");
    const test = spawnSync(NGINX_BIN, ["-t", "-q", "-p", runDir, "-c", conf, "-e", join(runDir, "nginx-error.log")], {
      encoding: "utf8",
    });
    if (test.status !== 0) throw new Error(`nginx refused its configuration:\n${test.stderr}`);
    nginx = spawnLogged(
      "nginx",
      runDir,
      NGINX_BIN,
      ["-p", runDir, "-c", conf, "-e", join(runDir, "nginx-error.log"), "-g", "daemon off;"],
      process.env,
    );
    children.push(nginx);
    const url = `http://127.0.0.1:${opts.port}`;
    await until("nginx", nginx, healthy(url), 15);
    log(`nginx on ${url} → ${ports.map((p) => `127.0.0.1:${p}`).join(", ")}`);

    return {
      url,
      runDir,
      pgbouncerUrl: bouncerUrl(appDb),
      instances: ports.map((port, index) => ({
        index,
        port,
        url: `http://127.0.0.1:${port}`,
        pid: () => instances[index]?.process.pid,
      })),
      stopInstance: (i, signal = "SIGTERM") => stopChild(instances[i], signal, 20_000),
      startInstance,
      logTail: (name, lines = 40) => {
        try {
          return readFileSync(join(runDir, `${name}.log`), "utf8")
            .split("\n")
            .slice(-lines)
            .join("\n");
        } catch {
          return "";
        }
      },
      stop,
    };
  } catch (err) {
    const tails = children
      .map(
        (c) =>
          `--- ${c.name}\n${readFileSafe(join(runDir, `${c.name}.log`))
            .split("\n")
            .slice(-15)
            .join("\n")}`,
      )
      .join("\n");
    await stop();
    throw new Error(`${(err as Error).message}\n${tails}`);
  }
}

const readFileSafe = (path: string) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
};

// The command line.
if (process.argv[1] && resolve(process.argv[1]) === resolve(HERE, "run.ts")) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(`--${name}`);
    return at === -1 ? undefined : process.argv[at + 1];
  };
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error("DATABASE_URL must name the PostgreSQL database (the instances share it through PgBouncer).");
    process.exit(2);
  }
  const tsx = "node_modules/.bin/tsx";
  const prepared = spawnSync(tsx, ["--conditions=react-server", "scripts/prepare-db.ts"], { stdio: "inherit" });
  if (prepared.status !== 0) process.exit(prepared.status ?? 1);
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (process.argv.includes("--build") || !readFileSafe(join(ROOT, distDir, "BUILD_ID"))) {
    const build = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: process.env });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const deployment = await startDeployment({
    databaseUrl,
    instances: Number(arg("instances") ?? 2),
    port: Number(arg("port") ?? process.env.PORT ?? 8080),
    env: process.env,
    distDir,
    worker: !process.argv.includes("--no-worker"),
    drainDelayMs: Number(process.env.DRAIN_DELAY_MS ?? 2000),
    log: (line) => console.error(line),
  }).catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
  console.error(`Portal on ${deployment.url} (logs and configuration in ${deployment.runDir}); Ctrl-C stops it.`);
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void deployment.stop().then(() => process.exit(0));
    });
}
