import "server-only";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { Transaction } from "@electric-sql/pglite";
import type { TransactionSql } from "postgres";
import type { DatabaseHandle } from "@/db/client";

// The bundle importer talks to the database below drizzle: COPY, temporary tables, cursors and DDL inside one
// transaction. This is the small surface it needs, over PGlite (COPY … FROM '/dev/blob' with a Blob per
// segment) and postgres.js (COPY … FROM STDIN through `.writable()`).

export interface ImportSession {
  readonly kind: "pglite" | "postgres";
  /** Rows of a statement; `params` are $1, $2… */
  query<T extends object>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it affected. */
  run(text: string, params?: unknown[]): Promise<number>;
  /** COPY `table (columns)` in PostgreSQL text format from the given pieces. */
  copyIn(table: string, columns: readonly string[], data: readonly Uint8Array[]): Promise<void>;
  /** The same from a stream of pieces (each piece holds whole rows); memory stays at about one segment. */
  copyStream(table: string, columns: readonly string[], source: AsyncIterable<Uint8Array>): Promise<void>;
  /** Runs `fn` in a savepoint: if it throws, its changes are rolled back and the error rethrown. */
  savepoint<T>(fn: (s: ImportSession) => Promise<T>): Promise<T>;
}

/** Waits until a writable wants more data, or fails if it errors or closes first (no listeners left behind). */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      stream.off("drain", onDrain);
      stream.off("error", onError);
      stream.off("close", onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (err: Error) => settle(err);
    const onClose = () => settle(new Error("the COPY stream closed early"));
    stream.on("drain", onDrain);
    stream.on("error", onError);
    stream.on("close", onClose);
  });
}

// PGlite takes COPY data as one Blob per statement, so a stream is loaded in segments of this size.
const PGLITE_SEGMENT_BYTES = 8 << 20;

const copyStatement = (table: string, columns: readonly string[], source: string) =>
  `COPY ${table} (${columns.map((c) => `"${c}"`).join(", ")}) FROM ${source}`;

function postgresSession(tx: TransactionSql): ImportSession {
  return {
    // postgres.js only forgives an error inside a transaction when it happened in its own savepoint.
    async savepoint(fn) {
      return (await tx.savepoint((sp) => fn(postgresSession(sp as unknown as TransactionSql)))) as Awaited<
        ReturnType<typeof fn>
      >;
    },
    kind: "postgres",
    async query<T extends object>(text: string, params: unknown[] = []) {
      return [...(await tx.unsafe(text, params as never[]))] as unknown as T[];
    },
    async run(text, params = []) {
      return (await tx.unsafe(text, params as never[])).count ?? 0;
    },
    async copyIn(table, columns, data) {
      const stream = await tx.unsafe(copyStatement(table, columns, "STDIN")).writable();
      for (const piece of data) {
        if (!stream.write(piece)) await drained(stream);
      }
      stream.end();
      await finished(stream);
    },
    async copyStream(table, columns, source) {
      const stream = await tx.unsafe(copyStatement(table, columns, "STDIN")).writable();
      try {
        for await (const piece of source) {
          if (!stream.write(piece)) await drained(stream);
        }
      } catch (err) {
        // Abandon the COPY (the server discards it) and report the original failure.
        stream.destroy(err as Error);
        await finished(stream).catch(() => {});
        throw err;
      }
      stream.end();
      await finished(stream);
    },
  };
}

let savepoints = 0;

function pgliteSession(tx: Transaction): ImportSession {
  return {
    async savepoint(fn) {
      const name = `import_sp_${++savepoints}`;
      await tx.query(`SAVEPOINT ${name}`);
      try {
        const result = await fn(this);
        await tx.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (err) {
        await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
        await tx.query(`RELEASE SAVEPOINT ${name}`);
        throw err;
      }
    },
    kind: "pglite",
    async query<T extends object>(text: string, params: unknown[] = []) {
      return (await tx.query<T>(text, params)).rows;
    },
    async run(text, params = []) {
      return (await tx.query(text, params)).affectedRows ?? 0;
    },
    async copyIn(table, columns, data) {
      await tx.query(copyStatement(table, columns, "'/dev/blob'"), [], {
        blob: new Blob(data as Uint8Array<ArrayBuffer>[]),
      });
    },
    async copyStream(table, columns, source) {
      let batch: Uint8Array[] = [];
      let bytes = 0;
      for await (const piece of source) {
        batch.push(piece);
        bytes += piece.length;
        if (bytes >= PGLITE_SEGMENT_BYTES) {
          await this.copyIn(table, columns, batch);
          batch = [];
          bytes = 0;
        }
      }
      if (bytes > 0) await this.copyIn(table, columns, batch);
    },
  };
}

/** Runs `fn` in one transaction: everything it wrote is committed together, or nothing is. */
export async function inImportTransaction<T>(handle: DatabaseHandle, fn: (s: ImportSession) => Promise<T>): Promise<T> {
  if (handle.kind === "postgres") {
    return (await handle.client.begin((tx) => fn(postgresSession(tx)))) as T;
  }
  return handle.client.transaction((tx) => fn(pgliteSession(tx)));
}
