import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { emailIndex } from "@/lib/crypto/blind-index";
import { sealPersonal } from "@/lib/crypto/personal-details";
import { prepareNotices } from "@/lib/notices/prepare";
import { startSmtpReceiver } from "../tests/helpers/smtp-receiver";

// npm run bench:notices [-- --people 1200000 --send 20000 --concurrency 4 --keep]
//
// 1. prepare: `notices -- prepare`'s code on --people people (90% with an email) against a COPY of the same number
//    of notice rows into a bare table (the floor for writing that many rows). The people are a SQL fill
//    (generate_series; prepare reads ids and email_bidx only, so their personal_enc is a placeholder): importing a
//    generated 1.2-million-person bundle takes minutes and is bench:import's subject, not this one's.
// 2. send: --send people with real sealed details, each notice sent through `npm run notices -- send` (child
//    processes, NOTICE_RATE=0, NOTICE_CONCURRENCY each) to a loopback SMTP server (smtp-server): one sender, then
//    two at once on the same notices re-queued; throughput counted from the first to the last accepted message,
//    and the ratio (target ≥ 1.7). Prints figures; asserts nothing.
// On a scratch database at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), dropped at the
// end unless --keep.

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "1200000" },
    send: { type: "string", default: "20000" },
    concurrency: { type: "string", default: "4" },
    keep: { type: "boolean", default: false },
  },
});
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const N = Number(values.people);
const S = Number(values.send);
const log = (msg: string) => console.error(`[bench] ${msg}`);
const secs = (ms: number) => (ms / 1000).toFixed(1);

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const name = `bench_notices_${randomBytes(4).toString("hex")}`;
await admin.unsafe(`create database "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const dbUrl = url.toString();
const handle = await openDatabase({ url: dbUrl, max: 4 });
const sql = handle.client as postgres.Sql;
const INCIDENT = "bench-incident";

async function fillPeople(): Promise<void> {
  await sql`insert into incidents (id, organisation, title_en, title_fr, summary_en, summary_fr, detected_on,
      exposure_from, exposure_to, not_exposed, monitoring_term_months, enrol_by, support_phone)
    values (${INCIDENT}, 'Bench Air', 't', 't', 's', 's', '2025-06-13', '2025-06-11', '2025-06-13', '{}', 24,
      '2099-01-01', '+1-888-555-0100')`;
  const step = 200_000;
  for (let from = 1; from <= N; from += step) {
    const to = Math.min(N, from + step - 1);
    await sql`insert into people (incident_id, external_id, given_name, family_name, personal_enc, email_bidx,
        language, country)
      select ${INCIDENT}, 'F' || i, 'Given', 'Family', 'placeholder',
        case when i % 10 <> 0 then md5(i::text) end, case when i % 4 = 0 then 'fr' else 'en' end, 'CA'
      from generate_series(${from}::int, ${to}::int) as i`;
  }
  await sql`analyze people`;
}

async function copyFloor(): Promise<number> {
  await sql`create table bench_copy (person_id bigint not null, kind text not null, channel text not null)`;
  const started = performance.now();
  const writable = (await sql`copy bench_copy (person_id, kind, channel) from stdin`.writable()) as Writable;
  async function* rows() {
    const batch: string[] = [];
    for (let i = 1; i <= N; i++) {
      batch.push(`${i}\tinitial\t${i % 10 === 0 ? "letter" : "email"}\n`);
      if (batch.length === 10_000) yield batch.splice(0).join("");
    }
    if (batch.length) yield batch.join("");
  }
  await pipeline(rows(), writable);
  return performance.now() - started;
}

/** S people with real sealed details, and their notices queued (everyone else's set aside). */
async function sendSet(): Promise<number[]> {
  await sql`update notices set status = 'cancelled' where status = 'queued'`;
  for (let from = 0; from < S; from += 1000) {
    const rows = Array.from({ length: Math.min(1000, S - from) }, (_, j) => {
      const externalId = `S${from + j}`;
      const email = `s${from + j}@bench.test`;
      return {
        incident_id: INCIDENT,
        external_id: externalId,
        given_name: "Sender",
        family_name: "Bench",
        personal_enc: sealPersonal(INCIDENT, externalId, {
          dateOfBirth: "1980-01-01",
          email,
          phone: null,
          address: null,
          rewardsId: null,
        }),
        email_bidx: emailIndex(email),
        language: "en",
        country: "CA",
      };
    });
    await sql`insert into people ${sql(rows)}`;
  }
  await prepareNotices(handle.db);
  const ids = await sql<{ id: string }[]>`select id from notices where status = 'queued' and channel = 'email'`;
  return ids.map((r) => Number(r.id));
}

function sender(smtpUrl: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/notices.ts", "send"], {
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        SMTP_URL: smtpUrl,
        NOTICE_RATE: "0",
        NOTICE_CONCURRENCY: values.concurrency,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => (code === 0 ? done() : fail(new Error(`send exited ${code}: ${stderr.slice(-1000)}`))));
  });
}

async function sendRun(workers: number): Promise<{ perSecond: number; ms: number }> {
  const smtp = await startSmtpReceiver({ light: true });
  // From the first accepted message to the last (process start-up and shut-down left out).
  let first = 0;
  let last = 0;
  void smtp.until((r) => {
    if (r.received.length > 0) {
      last = performance.now();
      first ||= last;
    }
    return false;
  });
  await Promise.all(Array.from({ length: workers }, () => sender(smtp.url)));
  const count = smtp.received.length;
  await smtp.close();
  const ms = last - first;
  return { perSecond: count / (ms / 1000), ms };
}

try {
  await migrateDatabase(handle);
  log(`SQL fill of ${N} people (90% with an email)…`);
  await fillPeople();
  await sql`checkpoint`;
  const t0 = performance.now();
  const counts = await prepareNotices(handle.db);
  const prepareMs = performance.now() - t0;
  const copyMs = await copyFloor();
  console.log(`prepare ${N} people: ${secs(prepareMs)} s ${JSON.stringify(counts)} (target < 120 s)`);
  console.log(
    `COPY of ${N} rows into a bare table: ${secs(copyMs)} s; prepare/COPY = ${(prepareMs / copyMs).toFixed(1)}`,
  );

  log(`sealing ${S} people for the send runs…`);
  const ids = await sendSet();
  const one = await sendRun(1);
  console.log(`send, 1 worker: ${ids.length} in ${secs(one.ms)} s = ${one.perSecond.toFixed(0)}/s`);
  await sql`update notices set status = 'queued', due_at = now(), attempts = 0, sent_at = null
    where id in ${sql(ids)}`;
  const two = await sendRun(2);
  console.log(`send, 2 workers: ${ids.length} in ${secs(two.ms)} s = ${two.perSecond.toFixed(0)}/s`);
  console.log(
    `2 workers / 1 worker = ${(two.perSecond / one.perSecond).toFixed(2)} (target ≥ 1.7; concurrency ${values.concurrency} each)`,
  );
} finally {
  await handle.close();
  if (!values.keep) await admin.unsafe(`drop database if exists "${name}" with (force)`);
  else log(`kept ${dbUrl}`);
  await admin.end();
}
