import "server-only";
import type { Database } from "@/db/client";
import { getCurrentIncident } from "@/db/queries/incident";
import { cancelRemindersNotOwed, queueReminders } from "@/db/queries/notices";

// Reminders to people notified and not enrolled, 30 and 7 days before the incident's enrol-by date (incidents.enrol_by,
// from the bundle). Run daily by the worker's pg-boss schedule: a reminder whose day has come is queued (due now)
// for everyone who qualifies that day; from the deadline on, none is queued and every queued one is cancelled, and
// anyone who enrolled meanwhile has theirs cancelled (the sender also re-checks both before sending).

const DAY = 86_400_000;

export type ReminderRun = { queued: number; cancelled: number };

/** The reminder due on `today` (UTC date) for enrol-by `enrolBy`, if any. */
export function reminderDue(enrolBy: string, today: Date): "reminder_30" | "reminder_7" | null {
  const left = Math.floor((Date.parse(`${enrolBy}T00:00:00Z`) - Date.parse(today.toISOString().slice(0, 10))) / DAY);
  if (left <= 0) return null;
  if (left <= 7) return "reminder_7";
  if (left <= 30) return "reminder_30";
  return null;
}

export async function queueDueReminders(db: Database, now = new Date()): Promise<ReminderRun> {
  const incident = await getCurrentIncident(db);
  if (!incident) return { queued: 0, cancelled: 0 };
  const kind = reminderDue(incident.enrolBy, now);
  const pastDeadline = Date.parse(`${incident.enrolBy}T00:00:00Z`) <= now.getTime();
  return db.transaction(async (tx) => {
    const cancelled = await cancelRemindersNotOwed(tx, pastDeadline);
    const queued = kind ? await queueReminders(tx, kind) : 0;
    return { queued, cancelled };
  });
}
