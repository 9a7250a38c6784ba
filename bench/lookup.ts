import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { Target } from "./lookup/deployment";
import type { RouteFigures, RouteSpec } from "./lookup/load";
import { parseOptions, ROUTE_NAMES, type RouteName, USAGE } from "./lookup/options";

// npm run bench:lookup -- [--people 1200000] [--connections 32] [--duration 10] [--keep] [--skip-build] [--sweep 1,8,32]
//                         [--routes ping,step-one,my] [--profile DIR] [--reuse-db NAME]
//                         [--open-loop] [--rate 100,200,400] [--find-max] [--target-check] [--soak MINUTES]
//                         [--instances N | --base-url URL --pids P1,P2] [--pin-generator CPUS] [--pin-servers CPUS]
//
// Verification step one and the exposure page under load, against the trivial route of the same app:
//   1. a generated bundle of N people (cached in the OS temp folder by size and seed), imported through the real
//      importer into a scratch PostgreSQL database next to BENCH_DATABASE_URL (dropped at the end, also on
//      error or Ctrl-C, unless --keep);
//   2. a production build in .next-bench served by `next start` on a free loopback port, with APP_ENV=development
//      (codes go to the outbox) and attempt limits raised so the load is not refused;
//   3. autocannon, one route after the other, each warmed up first: GET /api/ping (no database, no proxy), step
//      one (the step-one form posted as a browser without JavaScript posts it, to the form's action, with varied
//      real and made-up details, 303 expected; with JavaScript the same endpoint answers JSON) and /my
//      (a traveller signed in through the real journey, 200 with the exposure list expected);
//   4. a table of requests/s, p50, p99 and errors per route (plus CPU ms per response of the app and of
//      PostgreSQL, steadier than requests/s on a shared machine), and the issue's targets: step one's throughput
//      at least half the trivial route's, its p99 under 50 ms. Exit code 1 when a target is missed.
// For digging: --routes measures a subset, --profile DIR runs the server under --cpu-prof and summarises it,
// --keep / --reuse-db NAME skip the import on reruns. Speed claims come from this printout, never from timed tests.
//
// --open-loop [--rate 100,200,400] replaces step 3 with load as it arrives (lookup/open-loop.ts: requests due at a
// fixed rate over 64 keep-alive connections, latency from each due time) and prints, per route and rate, the
// achieved rate, errors, p50, p90, p99 and max, and each route's p99 beside /api/ping's (target at 400/s: ≤ 2×).
// --find-max searches each route's highest rate with p99 under --p99-bound (50 ms); --target-check is 400/s only.
// --instances N measures the production layout, deploy/run.ts's startDeployment (deploy/'s nginx and PgBouncer
// templates, the worker), first with one instance, then with N (one instance beside N through the same layout);
// --base-url URL (with --reuse-db NAME) measures a deployment started by someone else; --soak MINUTES runs the
// first rate that long and prints errors and each instance's memory. lookup/open-main.ts has the details.

const opts = parseOptions(process.argv.slice(2));
if (!opts) {
  console.error(USAGE);
  process.exit(2);
}

const started = performance.now();
const log = (msg: string) =>
  console.error(`[bench:lookup +${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}`);

// Keys for this run only: the scratch database is dropped at the end, and nothing depends on .data secrets (a
// database kept with --keep has its keys saved beside it for --reuse-db). Set before any app module reads env()
// (they are imported below, after this).
const { loadKept, saveKept, createScratchDatabase, envFile } = await import("./lookup/scratch-db");
const kept = opts.reuseDb ? loadKept(opts.reuseDb) : null;
const keys = kept?.keys ?? {
  ENCRYPTION_KEYS: `bench1:${randomBytes(32).toString("base64")}`,
  ENCRYPTION_KEY_ID: "bench1",
  BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
  AUTH_SECRET: randomBytes(32).toString("base64url"),
};
Object.assign(process.env, keys, { APP_ENV: "development", SMTP_URL: "" });

// The attempt limits, raised so the benchmark's one client address and its repeated references are not refused.
// The same number of rules as the defaults (lib/rate-limit.ts), so every attempt still does the same counting.
const LIMITS = {
  VERIFY_LIMIT_REF: "1000000000/15m,1000000000/1d",
  VERIFY_LIMIT_IP: "1000000000/10m,1000000000/1d",
  VERIFY_LIMIT_GLOBAL: "1000000000/1m",
  VERIFY_LIMIT_REF_TOTAL: "1000000000/15m,1000000000/1d",
  // Every matched challenge mails its code, as before the per-person mail cap: the same work per request.
  VERIFY_CODE_MAIL_LIMIT: "1000000000/1h,1000000000/1d",
};

const { ensureBundle } = await import("./lookup/bundle");
const { sampleTravellers, pickSignInTraveller } = await import("./lookup/travellers");
const { buildApp, hasBuild, DIST_DIR } = await import("./lookup/server");
const { benchTargets } = await import("./lookup/deployment");
const { runOpenLoop } = await import("./lookup/open-main");
const { stopOpenLoop } = await import("./lookup/open-loop");
const { formActionUrl, getPage, hiddenFormFields } = await import("./lookup/forms");
const { stepOneBodies, stepOneRequest } = await import("./lookup/step-one");
const { measureRoute, stopLoad } = await import("./lookup/load");
const { profileArgs, summariseProfiles } = await import("./lookup/profile");
const { cpuSampler } = await import("./lookup/cpu");
const { figuresTable, machineLine, sweepTable, verdicts } = await import("./lookup/report");

const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch((err: unknown) => console.error("cleanup:", err));
  })());
process.once("SIGINT", () => {
  log("interrupted: stopping the server and dropping the scratch database");
  stopLoad();
  stopOpenLoop();
  void cleanUp().finally(() => process.exit(130));
});

let exitCode = 0;
try {
  // 1. Bundle and database.
  const bundle = await ensureBundle(opts.people, opts.seed);
  log(
    `bundle ${bundle.dir}: ${JSON.stringify(bundle.counts)}${bundle.cached ? " (cached)" : ` (generated in ${bundle.seconds.toFixed(1)} s)`}`,
  );
  const travellers = await sampleTravellers(bundle.dir, bundle.counts.bookingRows, opts.sample);
  log(`${travellers.length} travellers sampled across the bundle`);

  if (kept && (kept.people !== opts.people || kept.seed !== opts.seed))
    throw new Error(`kept database ${kept.name} holds ${kept.people} people (seed ${kept.seed})`);
  const db = kept ?? (await createScratchDatabase(opts.adminUrl));
  let importSeconds = kept?.importSeconds ?? 0;
  let counts = kept?.counts ?? {};
  cleanups.push(async () => {
    if (kept) log(`left reused database ${db.name} in place`);
    // Only once the import is done: a database left half-prepared by an error is of no use to --reuse-db.
    else if (opts.keep && importSeconds > 0)
      log(
        `kept scratch database ${db.url}; rerun with --reuse-db ${db.name} (keys in ${saveKept({ ...db, keys, people: opts.people, seed: opts.seed, importSeconds, counts }, deploymentEnv)}; environment for a deployment to measure with --base-url in ${envFile(db.name)})`,
      );
    else if ("drop" in db) {
      await db.drop();
      log(`dropped scratch database ${db.name}`);
    }
  });
  log(`${kept ? "reused" : "scratch"} database ${db.name} (PostgreSQL ${db.version})`);

  const { openDatabase, rowsOf } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  const { importBundle } = await import("@/lib/bundle/import");
  const { sql } = await import("drizzle-orm");
  const handle = await openDatabase({ url: db.url, max: 2 });
  cleanups.push(() => handle.close());
  await migrateDatabase(handle);

  // 2. Build (before the import: a broken build should not cost an import), import, serve.
  // What a deployment measured with --base-url must run with (saved beside a kept database, see --keep).
  const deploymentEnv = {
    ...keys,
    ...LIMITS,
    APP_ENV: "development",
    SMTP_URL: "",
    DATABASE_URL: db.url,
    PUBLIC_URL: "http://127.0.0.1",
  };
  const serverEnv: NodeJS.ProcessEnv = { ...process.env, ...deploymentEnv, NEXT_TELEMETRY_DISABLED: "1" };
  if (opts.baseUrl) log(`--base-url: measuring the deployment at ${opts.baseUrl}, nothing built or started`);
  else if (opts.skipBuild && hasBuild()) log(`--skip-build: reusing ${DIST_DIR}`);
  else {
    log(`next build → ${DIST_DIR}`);
    const t = performance.now();
    buildApp(serverEnv);
    log(`built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  if (!kept) {
    const importStarted = performance.now();
    counts = await importBundle(handle, bundle.dir);
    importSeconds = (performance.now() - importStarted) / 1000;
    log(`imported in ${importSeconds.toFixed(1)} s: ${JSON.stringify(counts)}`);
    // What autovacuum does within a minute of a bulk load; measuring before it would measure an unplanned database.
    await handle.db.execute(sql`vacuum (analyze)`);
    log("vacuum (analyze) done");
  }

  if (opts.profile) mkdirSync(opts.profile, { recursive: true });
  const targets = benchTargets({
    env: serverEnv,
    instances: opts.instances,
    baseUrl: opts.baseUrl,
    pids: opts.pids,
    nodeArgs: opts.profile ? profileArgs(opts.profile) : [],
    serverCpus: opts.pinServers,
    databaseUrl: db.url,
    log,
  });
  cleanups.push(async () => {
    await targets.stop();
    if (!opts.baseUrl) log("servers stopped");
    // The profile is written when the server exits.
    if (opts.profile)
      console.log(
        `\nserver CPU profile (whole run: start-up, sign-in, warm-ups and measured runs):\n${summariseProfiles(opts.profile)}`,
      );
  });
  if (opts.profile) log(`CPU profile into ${opts.profile}`);
  // The first target measured (the only one for the closed loop; the N instances for a soak) serves the sign-in and
  // the forms too: a session works on whichever instance answers, in either layout.
  const first = await targets.use(opts.soakMinutes > 0 ? targets.labels.length - 1 : 0);
  const base = first.base;
  const cpuFor = (t: Target) =>
    t.instances.length
      ? cpuSampler(
          t.instances.map((i) => i.pid),
          db.name,
        )
      : null;

  // 3. The signed-in traveller first, while the outbox holds nothing else (only when /my is measured).
  const { signIn } = await import("./lookup/sign-in");
  let session: Awaited<ReturnType<typeof signIn>> | undefined;
  const candidates = travellers.filter((t) => t.email);
  for (let attempt = 0; opts.routes.has("my") && !session; attempt++) {
    const who = pickSignInTraveller(candidates.slice(attempt * 7));
    try {
      session = await signIn(base, handle.db, who);
    } catch (err) {
      if (attempt >= 2) throw err;
      log(`sign-in attempt ${attempt + 1} failed (${(err as Error).message}); trying another traveller`);
    }
  }
  if (session)
    log(
      `signed in one traveller through step one, the outbox and step two; /my lists: ${session.pageMarkers.join(", ")} (${session.pageBytes} bytes of HTML)`,
    );

  const verifyPage = await getPage(base, "/verify");
  const stepOnePath = formActionUrl(verifyPage.body, "bookingRef", "/verify");
  const { bodies, contentType, mix } = stepOneBodies(hiddenFormFields(verifyPage.body, "bookingRef"), travellers);
  log(
    `step one bodies: ${bodies.length} (${mix.real} real travellers, ${mix.wrongBirthDate} real bookings with a wrong date of birth, ${mix.unknown} unknown references)`,
  );

  const marker = session?.pageMarkers[0] ?? "";
  const specs: Record<RouteName, RouteSpec> = {
    ping: {
      name: "GET /api/ping (trivial)",
      expectStatus: 200,
      options: { requests: [{ method: "GET", path: "/api/ping" }], verifyBody: (b) => b === "ok" },
    },
    "step-one": {
      name: `POST ${stepOnePath} (step one)`,
      expectStatus: 303,
      options: { requests: [stepOneRequest(stepOnePath, bodies, contentType, base)] },
    },
    my: {
      name: "GET /my (exposure page)",
      expectStatus: 200,
      options: {
        requests: [{ method: "GET", path: "/my", headers: { cookie: session?.cookie ?? "", accept: "text/html" } }],
        verifyBody: (b) => b.includes(marker),
      },
    },
  };
  // Step one leaves work behind (after(): matching, queueing and delivering a code): a route is done when every
  // challenge it created is resolved and every code delivered.
  const settle = async (): Promise<number> => {
    const t = performance.now();
    for (;;) {
      const [row] = rowsOf<{ n: number }>(
        await handle.db.execute(
          sql`select (select count(*) from verification_challenges where status = 'pending') + (select count(*) from mail_outbox where status = 'queued') as n`,
        ),
      );
      if (Number(row?.n ?? 0) === 0 || performance.now() - t > 120_000) return (performance.now() - t) / 1000;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const run = {
    connections: opts.connections,
    duration: opts.duration,
    warmup: opts.warmup,
    cpu: cpuFor(first),
    settle,
  };
  // The context of every printout: the data, the machine, the raised limits, the request mix.
  const printContext = (loop: string, generator: string) => {
    console.log(`\nnpm run bench:lookup: ${opts.people} people, ${loop}, loopback`);
    console.log(`machine:\n  ${machineLine(db.version)}`);
    console.log(`  ${generator}`);
    console.log(
      `import${kept ? " (earlier run, database reused)" : ""}: ${importSeconds.toFixed(1)} s for ${counts.people} people, ${counts.bookings} bookings, ${counts.passengers} passengers, ${counts.exposures} exposures`,
    );
    console.log(
      `rate limits raised for the bench: ${Object.entries(LIMITS)
        .map(([k, l]) => `${k}=${l}`)
        .join(" ")}`,
    );
    console.log(
      `step one bodies: ${mix.real} real travellers, ${mix.wrongBirthDate} wrong dates of birth, ${mix.unknown} unknown references, in a fixed shuffled order`,
    );
  };

  if (opts.openLoop) {
    printContext(
      `open loop over ${opts.connections} keep-alive connections, targets: ${targets.labels.join(" · ")}`,
      "the load generator (this process, Node's http.Agent) runs on the same machine as the app and PostgreSQL",
    );
    const stepOneHeaders = (b: string) => ({ "content-type": contentType, origin: b, accept: "text/html" });
    exitCode = await runOpenLoop({
      opts,
      targets,
      requestFor: {
        ping: () => ({ method: "GET", path: "/api/ping", headers: {}, expectStatus: 200, bodyEquals: "ok" }),
        "step-one": (b) => ({
          method: "POST",
          path: stepOnePath,
          headers: stepOneHeaders(b),
          bodies,
          expectStatus: 303,
        }),
        my: () => ({
          method: "GET",
          path: "/my",
          headers: { cookie: session?.cookie ?? "", accept: "text/html" },
          expectStatus: 200,
          bodyIncludes: marker,
        }),
      },
      names: { ping: specs.ping.name, "step-one": specs["step-one"].name, my: specs.my.name },
      settle,
      cpuFor,
      log,
    });
  } else {
    log(`measuring: ${opts.connections} connections, ${opts.duration} s per route after ${opts.warmup} s of warm-up`);
    const figures = new Map<RouteName, RouteFigures>();
    for (const name of ROUTE_NAMES) {
      if (!opts.routes.has(name)) continue;
      const f = await measureRoute(base, specs[name], run);
      figures.set(name, f);
      log(`${f.name}: ${f.rps.toFixed(0)} req/s, p99 ${f.p99.toFixed(1)} ms`);
    }

    // Latency against load: the same two routes at fewer (or more) connections, to show where the knee is.
    const sweep: Array<{ connections: number; ping: RouteFigures; stepOne: RouteFigures }> = [];
    for (const connections of opts.sweep) {
      const at = { ...run, connections, warmup: Math.min(run.warmup, 2) };
      const ping = await measureRoute(base, specs.ping, at);
      const stepOne = await measureRoute(base, specs["step-one"], at);
      sweep.push({ connections, ping, stepOne });
      log(
        `sweep ${connections} connections: ping p99 ${ping.p99.toFixed(1)} ms, step one p99 ${stepOne.p99.toFixed(1)} ms`,
      );
    }

    printContext(
      `${opts.connections} connections, ${opts.duration} s per route (${opts.warmup} s warm-up)`,
      "the load generator (autocannon) runs on the same machine as the app and PostgreSQL",
    );
    console.log("");
    console.log(figuresTable([...figures.values()]));
    console.log(
      "(load = 1-minute load average just before the measured run; app cpu / db cpu = CPU ms per response of the",
    );
    console.log(" next start process and of this database's PostgreSQL backends, including after() work)\n");
    const trivial = figures.get("ping");
    const stepOne = figures.get("step-one");
    const exposure = figures.get("my");
    if (trivial && stepOne) {
      const v = verdicts(trivial, stepOne);
      for (const line of v.lines) console.log(line);
      if (!v.pass) exitCode = 1;
    } else console.log("targets not judged: they need both --routes ping and step-one");
    if (sweep.length > 0) {
      console.log(
        `\nlatency against load (${opts.duration} s each): connections, then requests/s · p50 · p99 in ms for each route`,
      );
      console.log(sweepTable(sweep));
    }
    if (exposure) {
      const ratio = trivial ? `, ${(exposure.rps / trivial.rps).toFixed(2)} of the trivial route's throughput` : "";
      const bad =
        exposure.errors || exposure.mismatches
          ? ` (${exposure.errors} errors, ${exposure.mismatches} wrong bodies)`
          : "";
      console.log(`exposure page p99: ${exposure.p99.toFixed(1)} ms${ratio}${bad}`);
    }
  }
} catch (err) {
  console.error(err);
  exitCode = 3;
} finally {
  await cleanUp();
}
process.exit(exitCode);
