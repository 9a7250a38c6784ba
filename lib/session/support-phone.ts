import "server-only";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { readCurrentIncident } from "@/lib/incident/current";
import { logError } from "@/lib/log";

// The support phone for pages that must work while the database is down (the traveller outage page): SUPPORT_PHONE
// when the deployment sets it, else the incident's number as this process last read it. The read is cached (five
// minutes after a success, thirty seconds after a failure), so an outage does not add a failing query, and its
// connection time-out, to every request; a process that never reached the database has no number to show, and the
// page then says to try again later without one. Production should set SUPPORT_PHONE (README).

const FRESH_MS = 5 * 60_000;
const RETRY_MS = 30_000;

let last: { phone: string | null; ok: boolean; at: number } | undefined;
let reading: Promise<void> | undefined;

async function read(): Promise<void> {
  try {
    const incident = await readCurrentIncident(await getDb());
    last = { phone: incident?.supportPhone ?? null, ok: true, at: Date.now() };
  } catch (err) {
    logError("support-phone.read", err);
    last = { phone: last?.phone ?? null, ok: false, at: Date.now() };
  }
}

export async function supportPhoneForOutage(): Promise<string | null> {
  const configured = env().SUPPORT_PHONE;
  if (configured) return configured;
  if (!last || Date.now() - last.at > (last.ok ? FRESH_MS : RETRY_MS)) {
    reading ??= read().finally(() => {
      reading = undefined;
    });
    await reading;
  }
  return last?.phone ?? null;
}
