import "server-only";
import type { ImportSession } from "./import-session";

// Bulk mode for a large first import of an incident. Foreign-key triggers fire once per inserted row and
// secondary indexes take random inserts; both cost several times the COPY itself. So, inside the import's
// transaction and under an exclusive lock on the four bundle tables, the foreign keys and secondary indexes of
// those tables are dropped, the data is loaded, and each is recreated from the exact definition PostgreSQL
// reported for it (pg_get_constraintdef / pg_get_indexdef), under the same name. Recreating a foreign key or a
// unique index checks every row, so the result is proven as consistent as if they had been there throughout,
// and if anything fails the whole transaction, drops included, rolls back. Readers of these tables wait for the
// import to commit, which is why the importer only does this for large first imports.

const TABLES = ["people", "bookings", "booking_passengers", "exposures"] as const;

/**
 * How many sessions of the portal (its app instances and workers, by application_name) are connected to this
 * database now: bulk mode's exclusive locks would stop every one of them for the length of the import.
 * PGlite admits one process, so there it is always 0.
 */
export async function countServingSessions(s: ImportSession, names: readonly string[]): Promise<number> {
  if (s.kind !== "postgres") return 0;
  const [row] = await s.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = ANY($1::text[])`,
    [names],
  );
  return Number(row?.n ?? 0);
}

type Definition = { kind: "index" | "constraint"; table: string; name: string; def: string };

export type BulkRestore = { definitions: Definition[] };

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Takes the locks and drops what bulk loading does not need. Returns null (changing nothing) if the tables
 * could not be locked within `lockTimeoutMs` (other sessions are using them); the caller then loads normally.
 */
export async function prepareBulkLoad(s: ImportSession, lockTimeoutMs = 10_000): Promise<BulkRestore | null> {
  try {
    await s.savepoint(async (sp) => {
      await sp.run(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(lockTimeoutMs))}`);
      await sp.run(`LOCK TABLE ${TABLES.join(", ")} IN ACCESS EXCLUSIVE MODE`);
    });
    await s.run("SET LOCAL lock_timeout = 0");
  } catch (err) {
    if ((err as { code?: string }).code !== "55P03") throw err;
    return null;
  }

  const regclasses = TABLES.map((t) => `'public.${t}'::regclass`).join(", ");
  // Foreign keys declared on the four tables (inserting into them is what fires their triggers).
  const fks = await s.query<{ tbl: string; name: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid IN (${regclasses}) ORDER BY c.conname`,
  );
  // Secondary indexes of the four tables, and the primary key of exposures (nothing references it). Primary
  // keys that foreign keys point to, and indexes that back a constraint, are left alone.
  const indexes = await s.query<{ tbl: string; name: string; def: string }>(
    `SELECT i.indrelid::regclass::text AS tbl, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i
     WHERE i.indrelid IN (${regclasses}) AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY 2`,
  );
  const pks = await s.query<{ tbl: string; name: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c
     WHERE c.contype = 'p' AND c.conrelid = 'public.exposures'::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = c.conrelid)`,
  );

  const definitions: Definition[] = [
    ...indexes.map((r) => ({ kind: "index" as const, table: r.tbl, name: r.name, def: r.def })),
    ...pks.map((r) => ({ kind: "constraint" as const, table: r.tbl, name: r.name, def: r.def })),
    ...fks.map((r) => ({ kind: "constraint" as const, table: r.tbl, name: r.name, def: r.def })),
  ];
  // Foreign keys first (they may depend on nothing we drop, but dropping them first keeps the order obvious).
  for (const d of [...definitions].reverse()) {
    if (d.kind === "constraint") await s.run(`ALTER TABLE ${d.table} DROP CONSTRAINT ${quoteIdent(d.name)}`);
    else await s.run(`DROP INDEX ${d.name}`);
  }
  return { definitions };
}

/**
 * Recreates what `prepareBulkLoad` dropped on `tables` (all by default); each recreation checks every row.
 * Foreign keys are only recreated when their referenced table is loaded too (see `referencesReady`).
 */
export async function finishBulkLoad(
  s: ImportSession,
  restore: BulkRestore,
  done: (d: { table: string; kind: "index" | "constraint"; def: string }) => boolean = () => true,
): Promise<void> {
  const left: Definition[] = [];
  for (const d of restore.definitions) {
    if (!done(d)) {
      left.push(d);
      continue;
    }
    if (d.kind === "index") await s.run(d.def);
    else await s.run(`ALTER TABLE ${d.table} ADD CONSTRAINT ${quoteIdent(d.name)} ${d.def}`);
  }
  restore.definitions = left;
}

/** For finishBulkLoad: what can be restored once `loaded` tables hold their rows (a foreign key needs both ends). */
export const restorableWith =
  (loaded: readonly string[]) =>
  (d: { table: string; kind: "index" | "constraint"; def: string }): boolean => {
    if (!loaded.includes(d.table)) return false;
    const target = /REFERENCES\s+(?:public\.)?"?(\w+)"?/.exec(d.def)?.[1];
    return !target || loaded.includes(target) || !(TABLES as readonly string[]).includes(target);
  };
