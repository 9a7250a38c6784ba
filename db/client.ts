import "server-only";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

// One database handle per process. Without DATABASE_URL it is an embedded PGlite database in a local folder
// (nothing to install); with it, PostgreSQL through postgres.js. Both run the same drizzle schema and migrations.

/** What queries take as their first argument: the database or a transaction on it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseHandle =
  | { kind: "pglite"; db: Database; client: PGlite; close: () => Promise<void> }
  | { kind: "postgres"; db: Database; client: Sql; close: () => Promise<void> };

/**
 * `connectTimeoutSeconds` (default DB_CONNECT_TIMEOUT): how long to wait for PostgreSQL to be ready before a
 * query fails, so a request gets its calm error page instead of hanging while the database is away.
 * `statementTimeoutMs`: the server cancels any statement running longer (0: none). The app's own pool sets it
 * (DB_STATEMENT_TIMEOUT, getDatabaseHandle); the import, the worker and migrations do not, since their
 * statements may rightly run for minutes.
 */
export type OpenOptions = {
  url?: string;
  dataDir?: string;
  max?: number;
  connectTimeoutSeconds?: number;
  statementTimeoutMs?: number;
  /** PostgreSQL's application_name: "portal-app" for the app's pool, so the import can tell it is serving. */
  applicationName?: string;
  /** The URL is PgBouncer in transaction mode (default DATABASE_PGBOUNCER when the URL is DATABASE_URL). */
  pgbouncer?: boolean;
};

export async function openDatabase(opts: OpenOptions = {}): Promise<DatabaseHandle> {
  const url = opts.url ?? (opts.dataDir ? undefined : env().DATABASE_URL);
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    // Through PgBouncer in transaction mode (deploy/), consecutive transactions of one client connection run on
    // whichever server connection is free, so a statement prepared on one is unknown to the next (PgBouncer 1.18
    // does not track protocol-level prepared statements): postgres.js must send every statement unnamed. Nor may
    // the pool set statement_timeout as a startup parameter: PgBouncer refuses the connection for a parameter it
    // does not track (it does track application_name); deploy/pgbouncer.ini.template sets the timeout on its
    // server connections instead (connect_query).
    const pgbouncer = opts.pgbouncer ?? (opts.url === undefined && env().DATABASE_PGBOUNCER);
    const statementTimeout = pgbouncer ? 0 : (opts.statementTimeoutMs ?? 0);
    const client = postgres(url, {
      max: opts.max ?? 10,
      onnotice: () => {},
      connect_timeout: opts.connectTimeoutSeconds ?? env().DB_CONNECT_TIMEOUT,
      prepare: !pgbouncer,
      connection: {
        ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
        ...(opts.applicationName ? { application_name: opts.applicationName } : {}),
      },
    });
    const db = drizzle(client, { schema }) as unknown as Database;
    return { kind: "postgres", db, client, close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = opts.dataDir ?? env().PGLITE_DIR;
  // "memory://" gives a throwaway in-memory database (tests); anything else is a folder on disk.
  if (!dir.startsWith("memory://")) mkdirSync(resolve(/*turbopackIgnore: true*/ dir), { recursive: true });
  const client = dir.startsWith("memory://") ? new PGlite() : new PGlite(resolve(/*turbopackIgnore: true*/ dir));
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Database;
  return { kind: "pglite", db, client, close: () => client.close() };
}

/** application_name of the app's own connections (and the worker's): what "the portal is serving" means. */
export const APP_SESSION_NAME = "portal-app";
export const WORKER_SESSION_NAME = "portal-worker";

const globalForDb = globalThis as unknown as { __portalDb?: Promise<DatabaseHandle> };

/** The process-wide handle the app uses (cached on globalThis so dev reloads reuse it). */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  globalForDb.__portalDb ??= openDatabase({
    statementTimeoutMs: env().DB_STATEMENT_TIMEOUT,
    applicationName: APP_SESSION_NAME,
  }).catch((err: unknown) => {
    globalForDb.__portalDb = undefined;
    throw err;
  });
  return globalForDb.__portalDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/** Rows of a raw `db.execute(sql…)` result: postgres.js returns an array, PGlite an object with rows. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const dialect = new PgDialect();

/**
 * Runs a raw statement as a named prepared statement on PostgreSQL (postgres.js caches it per connection by its
 * text), so the server parses and plans it once per connection instead of on every call. drizzle sends every
 * statement unprepared unless it is a named query-builder query, and for the few statements on the launch-day hot
 * path (verification step one and its batches) parsing and planning cost more than running them. Same result
 * shape as rowsOf(db.execute(query)). Transactions and PGlite go through drizzle as usual. Through PgBouncer
 * (`prepare: false` on the pool, see openDatabase) the statement is sent unnamed like every other.
 */
export async function executePrepared<T>(db: Database, query: SQL): Promise<T[]> {
  const client = (db as unknown as { $client?: Sql | PGlite }).$client;
  if (client && typeof (client as Sql).unsafe === "function") {
    const { sql: text, params } = dialect.sqlToQuery(query);
    return (await (client as Sql).unsafe(text, params as never[], {
      prepare: (client as Sql).options.prepare,
    })) as unknown as T[];
  }
  return rowsOf<T>(await db.execute(query));
}

const CONNECTION_FAILURES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  CONNECT_TIMEOUT: "connection timed out",
  ECONNRESET: "connection reset",
  "28P01": "password authentication failed",
  "28000": "access refused for this user",
  "3D000": "the database does not exist",
};

/**
 * One line for a command's user when the database cannot be reached at all (npm start, db:prepare), or null for
 * any other error (which keeps its stack: it is a bug to report). Names the host, port and database of
 * DATABASE_URL, never its user or password. Looks through causes and the AggregateError Node.js gives when every
 * address of a host refused.
 */
export function describeDatabaseError(err: unknown, url = env().DATABASE_URL): string | null {
  const seen: unknown[] = [err];
  let reason: string | undefined;
  for (let i = 0; i < seen.length && i < 20 && !reason; i++) {
    const e = seen[i] as { code?: unknown; cause?: unknown; errors?: unknown } | null;
    if (!e || typeof e !== "object") continue;
    if (typeof e.code === "string") reason = CONNECTION_FAILURES[e.code];
    if (e.cause) seen.push(e.cause);
    if (Array.isArray(e.errors)) seen.push(...e.errors);
  }
  if (!reason) return null;
  let where = "the database";
  if (url) {
    try {
      const u = new URL(url);
      where = `PostgreSQL at ${u.hostname}:${u.port || "5432"}${u.pathname.length > 1 ? ` (database ${decodeURIComponent(u.pathname.slice(1))})` : ""}`;
    } catch {
      where = "PostgreSQL (DATABASE_URL)";
    }
  }
  return `Cannot reach ${where}: ${reason}. Check that the database server is running and that DATABASE_URL is right.`;
}
