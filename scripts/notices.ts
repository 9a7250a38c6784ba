import { openDatabase, WORKER_SESSION_NAME } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { runLettersCommand } from "@/lib/notices/letters/cli";
import { prepareNotices } from "@/lib/notices/prepare";
import { sendDueNotices } from "@/lib/notices/queue";

// npm run notices -- <command>
//   prepare   queue an initial notice for everyone who has none (email when an address is on file, else letter);
//             idempotent. Progress on stderr; one JSON line on stdout: {"email":N,"letter":N,"already":N}.
//   send      deliver every email notice that is due through SMTP_URL (pg-boss sweeps, NOTICE_RATE per second
//             shared with every other sender), then exit when nothing is due. One JSON line on stdout.
//   letters --out DIR
//             print the due letters in batches of 1,000 with the mail house's manifest (lib/notices/letters/cli.ts
//             says how; it has its own arguments, exit codes and output).
// On the app's database (DATABASE_URL, or the PGlite folder: stop the portal first, PGlite admits one process).
// Exit codes: 0 done, 2 usage, 3 failure.

const USAGE = "usage: npm run notices -- prepare | send | letters --out DIR";

const [command, ...rest] = process.argv.slice(2);
if (command === "letters") process.exit(await runLettersCommand(rest));
if ((command !== "prepare" && command !== "send") || rest.length > 0) {
  console.error(USAGE);
  process.exit(2);
}

/** A one-line bar on stderr, redrawn in place on a terminal and at most once a second otherwise. */
function progressBar(label: string) {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (done < total && now - last < (process.stderr.isTTY ? 100 : 1000)) return;
    last = now;
    const width = 30;
    const filled = Math.round((done / Math.max(1, total)) * width);
    const line = `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.floor((done / Math.max(1, total)) * 100)}%`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}${done >= total ? "\n" : ""}` : `${line}\n`);
  };
}

let exitCode = 3;
const handle = await openDatabase({ applicationName: WORKER_SESSION_NAME });
try {
  await migrateDatabase(handle);
  const started = performance.now();
  if (command === "prepare") {
    const counts = await prepareNotices(handle.db, { onProgress: progressBar("prepare") });
    console.error(`prepared in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    process.stdout.write(`${JSON.stringify(counts)}\n`);
  } else {
    const report = await sendDueNotices(handle);
    console.error(`sent in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  }
  exitCode = 0;
} catch (err) {
  // Database and SMTP errors name constraints and codes, never an address.
  console.error(`notices ${command} failed: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await handle.close();
}
process.exit(exitCode);
