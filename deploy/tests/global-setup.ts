import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import postgres from "postgres";
import { adminUrl, DIST_DIR } from "./stack";

// Before the multi-instance tests: they need PostgreSQL (the instances share it), Debian's nginx and pgbouncer,
// and a production build. Without the first three every test is skipped with the reason (DEPLOY_SKIP, which the
// workers inherit); the build is made once into DIST_DIR (.next-e2e, the e2e tests' build, reused when present).
export default async function globalSetup(): Promise<void> {
  const missing = [process.env.NGINX_BIN || "/usr/sbin/nginx", process.env.PGBOUNCER_BIN || "/usr/sbin/pgbouncer"]
    .filter((bin) => !existsSync(bin))
    .join(" and ");
  if (missing) {
    process.env.DEPLOY_SKIP = `${missing} not installed (apt-get install nginx pgbouncer): multi-instance tests skipped`;
    return;
  }
  const admin = postgres(adminUrl(), { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await admin`select 1`;
  } catch (err) {
    const where = new URL(adminUrl());
    process.env.DEPLOY_SKIP = `PostgreSQL does not answer at ${where.host} (${(err as Error).message}; set DEPLOY_DATABASE_URL): multi-instance tests skipped`;
    return;
  } finally {
    await admin.end();
  }
  if (process.env.DEPLOY_REUSE_BUILD !== "0" && existsSync(`${DIST_DIR}/BUILD_ID`)) return;
  const build = spawnSync("node_modules/.bin/next", ["build"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status ?? build.signal})`);
}
