import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client";
import { verifyAuditChain } from "@/lib/audit/chain";

// npm run audit:verify: walks the audit chain (audit_events, hash-chained by the database: migration
// 0013_audit_chain) from its first row to its head, in pages, and says whether it is intact. On the database the
// app uses (DATABASE_URL, or the embedded PGlite folder: stop the portal first, PGlite admits one process). Reads
// only; it does not migrate. Exit codes: 0 chain intact, 1 chain broken (the first break is printed), 2 usage,
// 3 any other failure (no database, not migrated).

const USAGE = "usage: npm run audit:verify";

try {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length > 0) throw new Error("unexpected argument");
} catch {
  console.error(USAGE);
  process.exit(2);
}

let exitCode = 3;
let handle: Awaited<ReturnType<typeof openDatabase>> | undefined;
try {
  handle = await openDatabase();
  const report = await verifyAuditChain(handle.db);
  console.log(`rows checked: ${report.checked}`);
  if (report.intact) {
    console.log("chain intact");
    exitCode = 0;
  } else {
    console.log(`chain broken at row ${report.rowId ?? "(end)"}: ${report.problem}`);
    exitCode = 1;
  }
} catch (err) {
  console.error(
    `audit:verify: ${(err as Error).name}: could not complete (${(err as { code?: string }).code ?? "no code"})`,
  );
} finally {
  await handle?.close();
}
process.exit(exitCode);
