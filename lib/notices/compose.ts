// placeholder: replaced by helper A's version at merge (same signature, same Message-ID rule). Plain text only;
// its one raw query stays in this file so that nothing else is left behind when it goes.
import "server-only";
import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db/client";
import { decryptField } from "@/lib/crypto/field-encryption";
import { openPersonal } from "@/lib/crypto/personal-details";
import { env } from "@/lib/env";
import { contactAddressAad } from "@/lib/traveller/companions";

export type ComposedEmail = { to: string; subject: string; text: string; html: string; messageId: string };

/** The notice's email, or null when it is no longer owed (a reminder to someone enrolled or past the deadline). */
export async function composeNoticeEmail(db: Database, noticeId: number): Promise<ComposedEmail | null> {
  const [r] = rowsOf<{
    kind: string;
    incident_id: string;
    external_id: string;
    personal_enc: string;
    given_name: string;
    language: string;
    flag_id: string | null;
    enrolled: boolean;
    past_deadline: boolean;
    contact_enc: string | null;
    contact_by: string | number | null;
  }>(
    await db.execute(sql`
      select n.kind, p.incident_id, p.external_id, p.personal_enc, p.given_name, p.language,
        n.companion_flag_id as flag_id,
        exists (select 1 from monitoring_enrolments e where e.person_id = p.id) as enrolled,
        (select i.enrol_by < current_date from incidents i where i.id = p.incident_id) as past_deadline,
        (select a.email_enc from companion_contact_addresses a where a.flag_id = n.companion_flag_id
          order by a.given_at desc limit 1) as contact_enc,
        (select a.given_by_person_id from companion_contact_addresses a where a.flag_id = n.companion_flag_id
          order by a.given_at desc limit 1) as contact_by
      from notices n join people p on p.id = n.person_id
      where n.id = ${noticeId} and n.channel = 'email'`),
  );
  if (!r) return null;
  if (r.kind.startsWith("reminder_") && (r.enrolled || r.past_deadline)) return null;
  const host = new URL(env().PUBLIC_URL).hostname;
  const messageId = `<notice-${noticeId}@${host}>`;
  const link = env().PUBLIC_URL;
  if (r.kind === "companion_contact") {
    if (!r.contact_enc || !r.flag_id || r.contact_by == null) return null;
    const to = decryptField(r.contact_enc, contactAddressAad(r.flag_id, Number(r.contact_by)));
    const text = `A person on your booking asked us to contact you. Visit ${link}`;
    return { to, subject: "A message about your booking", text, html: `<p>${text}</p>`, messageId };
  }
  const to = openPersonal(r.personal_enc, r.incident_id, r.external_id).email;
  if (!to) return null;
  const subject = r.kind.startsWith("reminder_") ? "Reminder: enrol in monitoring" : "Notice of Data Breach";
  const text = `Notice ${noticeId} (${r.kind}, ${r.language}). Visit ${link}`;
  return { to, subject, text, html: `<p>${text}</p>`, messageId };
}
