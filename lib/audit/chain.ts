import "server-only";
import { createHash } from "node:crypto";
import type { Database } from "@/db/client";
import { type AuditChainRow, readAuditChainHead, readAuditChainPage } from "@/db/queries/audit";

// Verifies the audit chain the database builds (migration 0013_audit_chain). The hash is computed here, in the
// app's own code, not by asking the database's function: a chain checked by the function that wrote it would not
// notice that function being replaced. Keep this encoding identical to audit_event_hash() in that migration.

const GENESIS = "0".repeat(64);
const VERSION = "audit-v1";
/** Rows per keyset page: memory stays bounded whatever the table's size. */
const PAGE = 2000;

const field = (v: string | null) => (v === null ? "N" : `S${Buffer.byteLength(v, "utf8")}:${v}`);

/** SHA-256 (hex) over the previous row's hash and this row's fields, as audit_event_hash() computes it. */
export function auditEventHash(prevHash: string, r: AuditChainRow): string {
  const fields = [
    r.id,
    r.atMicros,
    r.actorType,
    r.actorId,
    r.ref,
    r.action,
    r.personId,
    r.bookingId,
    r.reason,
    r.requestId,
    r.detail,
  ];
  return createHash("sha256")
    .update(prevHash + VERSION + fields.map(field).join(""), "utf8")
    .digest("hex");
}

export type ChainReport =
  | { intact: true; checked: number }
  | { intact: false; checked: number; rowId: string | null; problem: string };

/**
 * Walks the whole chain in id order and stops at the first break. `rowId` is the first row that does not hold
 * (null when the break is at the end: the head names a row that is gone). `checked` counts rows read.
 */
export async function verifyAuditChain(db: Database, opts: { pageSize?: number } = {}): Promise<ChainReport> {
  const pageSize = opts.pageSize ?? PAGE;
  let prev = GENESIS;
  let prevId: string | null = null;
  let checked = 0;
  for (;;) {
    const rows = await readAuditChainPage(db, prevId ?? "0", pageSize);
    for (const r of rows) {
      checked++;
      const broken = (problem: string): ChainReport => ({ intact: false, checked, rowId: r.id, problem });
      if (r.prevHash === null || r.hash === null)
        return broken("the row has no hash: it was written with the chain switched off");
      if (r.prevHash !== prev) {
        return broken(
          prevId === null
            ? "the first row does not start the chain: rows before it were removed"
            : `the row does not follow row ${prevId}: a row between them was removed, or row ${prevId} was changed`,
        );
      }
      if (auditEventHash(prev, r) !== r.hash) return broken("the row's contents do not match its hash: it was changed");
      prev = r.hash;
      prevId = r.id;
    }
    if (rows.length < pageSize) break;
  }
  const head = await readAuditChainHead(db);
  if (!head) return { intact: false, checked, rowId: null, problem: "the chain head (audit_chain_head) is missing" };
  if (head.lastId !== prevId || head.lastHash !== prev) {
    return {
      intact: false,
      checked,
      rowId: prevId,
      problem: `the chain ends at row ${prevId ?? "(none)"} but its head names row ${head.lastId ?? "(none)"}: rows at the end were removed or the head was changed`,
    };
  }
  return { intact: true, checked };
}
