import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ChunkSize, chunkSize, getRaw, type PageWeight, pageWeight, scriptUrls } from "./bundle/measure";
import { ownChunks, verdict, weightTable } from "./bundle/report";
import { buildApp, DIST_DIR, hasBuild, prepareDatabase, startApp } from "./bundle/server";
import { DEMO_TRAVELLER, signIn } from "./bundle/sign-in";
import { createScratchDatabase } from "./lookup/scratch-db";
import { freePort } from "./lookup/server";

// npm run bench:bundle -- [--skip-build] [--chunks] [--database-url postgres://…]
//
// The JavaScript each customer page makes the browser download, beside an empty page of the same app:
//   1. a scratch database (PGlite in a temporary folder, or with --database-url a scratch PostgreSQL database
//      created next to that URL) prepared by scripts/prepare-db.ts: migrations and the demo bundle;
//   2. a production build in .next-bench-bundle (--skip-build reuses one), served by scripts/portal-server.ts as
//      `npm start` serves it, with APP_ENV=development so codes land in the development outbox;
//   3. each page fetched over HTTP (the signed-in ones after signing the demo traveller in through the real
//      journey), the scripts it loads read out of its HTML, each chunk fetched uncompressed, offering gzip only and
//      offering brotli first, counting the bytes on the wire (and noting the encoding the server chose);
//   4. a table of raw, gzip and brotli sizes per page, the difference with /dev/empty (the root layout and
//      nothing else), and the target: no customer page more than 15 KB gzipped above the empty page.
//      Exit code 1 when it is missed. --chunks lists each page's own chunks (those the empty page does not load).

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? undefined : args[at + 1];
};
const known = new Set(["--skip-build", "--chunks", "--database-url"]);
if (args.some((a) => a.startsWith("--") && !known.has(a)) || (flag("database-url") && !value("database-url"))) {
  console.error("usage: npm run bench:bundle -- [--skip-build] [--chunks] [--database-url postgres://…]");
  process.exit(2);
}

const started = performance.now();
const log = (msg: string) =>
  console.error(`[bench:bundle +${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}`);

const PUBLIC_PAGES = ["/", "/verify"];
const SIGNED_IN_PAGES = ["/my", "/my/companions", "/my/monitoring"];
const OTHER_PAGES = ["/agent/sign-in"];
const EMPTY_PAGE = "/dev/empty";

const cleanups: Array<() => Promise<void> | void> = [];
const cleanUp = async () => {
  for (const step of cleanups.reverse()) await Promise.resolve(step()).catch((e: unknown) => console.error(e));
};
process.once("SIGINT", () => void cleanUp().finally(() => process.exit(130)));

let exitCode = 0;
try {
  // 1. Database: the app's own keys are generated into the temporary folder (DEV_SECRETS_DIR) on first use.
  const dir = mkdtempSync(join(tmpdir(), "portal-bench-bundle-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APP_ENV: "development",
    SMTP_URL: "",
    PGLITE_DIR: join(dir, "pglite"),
    DEV_SECRETS_DIR: dir,
    PUBLIC_URL: base,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL;
  const adminUrl = value("database-url");
  if (adminUrl) {
    const db = await createScratchDatabase(adminUrl);
    cleanups.push(async () => {
      await db.drop();
      log(`dropped scratch database ${db.name}`);
    });
    env.DATABASE_URL = db.url;
    log(`scratch PostgreSQL database ${db.name}`);
  } else log(`scratch PGlite database in ${dir}`);
  prepareDatabase(env);
  log("migrated, demo bundle loaded");

  // 2. Build and serve.
  if (flag("skip-build") && hasBuild()) log(`--skip-build: reusing ${DIST_DIR}`);
  else {
    log(`next build → ${DIST_DIR}`);
    buildApp(env);
  }
  const app = await startApp(env, port);
  cleanups.push(async () => {
    await app.stop();
    log("server stopped");
  });
  log(`scripts/portal-server.ts on ${base} (pid ${app.pid})`);

  // 3. Pages.
  const sizes = new Map<string, Promise<ChunkSize>>();
  const measure = async (path: string, cookie = ""): Promise<PageWeight> => {
    const page = await getRaw(new URL(path, base).toString(), {
      accept: "text/html",
      "accept-encoding": "identity",
      ...(cookie ? { cookie } : {}),
    });
    if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
    const urls = scriptUrls(page.body.toString("utf8"));
    if (urls.length === 0) throw new Error(`GET ${path}: no scripts found in the page`);
    for (const url of urls) if (!sizes.has(url)) sizes.set(url, chunkSize(base, url));
    return pageWeight(path, await Promise.all(urls.map((u) => sizes.get(u)!)));
  };
  const empty = await measure(EMPTY_PAGE);
  const pages: PageWeight[] = [];
  for (const path of PUBLIC_PAGES) pages.push(await measure(path));
  const session = await signIn(base, DEMO_TRAVELLER, async (challenge) => {
    pages.push(await measure("/verify/code", challenge));
  });
  log("signed the demo traveller in through step one, the development outbox and step two");
  for (const path of SIGNED_IN_PAGES) pages.push(await measure(path, session));
  for (const path of OTHER_PAGES) pages.push(await measure(path));

  // 4. Figures.
  console.log(`\nnpm run bench:bundle: JavaScript per page as served by scripts/portal-server.ts (${DIST_DIR})`);
  console.log(
    "sizes are the sum of the page's script chunks (<script src>, modulepreload, script preloads), 1 KB = 1024 bytes",
  );
  console.log(
    "gzip / br = bytes on the wire when the browser offers gzip only / brotli then gzip (files under 1 KB may come uncompressed)\n",
  );
  console.log(weightTable(empty, pages));
  console.log("");
  const v = verdict(empty, pages);
  for (const line of v.lines) console.log(line);
  if (!v.pass) exitCode = 1;
  if (flag("chunks")) {
    for (const p of pages)
      console.log(`\n${p.path}: chunks the empty page does not load\n${ownChunks(empty, p) || "    (none)"}`);
  }
} catch (err) {
  console.error(err);
  exitCode = 3;
} finally {
  await cleanUp();
}
process.exit(exitCode);
