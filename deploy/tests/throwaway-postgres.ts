import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

// A PostgreSQL cluster of the tests' own (initdb in a temporary folder, its own port), so a test can stop and
// start the database under the instances without disturbing anyone else's PostgreSQL. PostgreSQL refuses to run
// as root: as root, the cluster belongs to the `postgres` account.

/** PG_BIN_DIR, else the newest of Debian's /usr/lib/postgresql/<version>/bin. */
function binDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const versions = existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql").filter((v) => /^\d+$/.test(v))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0] ?? "15";
  return `/usr/lib/postgresql/${newest}/bin`;
}
const BIN = binDir();

export const throwawayPostgresAvailable = () => existsSync(join(BIN, "initdb")) && existsSync(join(BIN, "pg_ctl"));

export type Cluster = { url: string; stop: () => void; start: () => void; remove: () => void };

export function createCluster(port: number): Cluster {
  const dir = mkdtempSync(join(tmpdir(), "portal-pg-"));
  const data = join(dir, "data");
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const pg = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    chownSync(dir, Number(pg.stdout.trim()), Number(gid.stdout.trim()));
  }
  const run = (bin: string, args: string[]) => {
    const [cmd, all] = asRoot ? ["runuser", ["-u", "postgres", "--", join(BIN, bin), ...args]] : [join(BIN, bin), args];
    const r = spawnSync(cmd, all as string[], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${bin} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  };
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = () => run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "postgres.log"), "-w", "start"]);
  const stop = () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    remove: () => {
      try {
        stop();
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
