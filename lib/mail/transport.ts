import "server-only";
import { env } from "@/lib/env";

// Where mail goes: SMTP through nodemailer when SMTP_URL is set; otherwise (never in production, lib/env.ts refuses
// that) the development outbox, i.e. the message stays in the database for app/(dev)/dev/outbox to show.

/**
 * `id`: the outbox row, which makes the Message-ID, so a message sent twice is recognisable as one. `fromName`: the
 * organisation, shown as the sender's name in front of MAIL_FROM's address ("WestJet <no-reply@…>").
 */
export type Envelope = {
  id: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  fromName?: string | null;
};
export type Sender = { kind: "smtp" | "dev-outbox"; send: (m: Envelope) => Promise<void> };

let cached: Promise<Sender> | undefined;

export function mailSender(): Promise<Sender> {
  cached ??= (async (): Promise<Sender> => {
    const { SMTP_URL, MAIL_FROM, APP_ENV } = env();
    if (!SMTP_URL) {
      if (APP_ENV === "production") throw new Error("SMTP_URL is required in production");
      return { kind: "dev-outbox", send: async () => {} };
    }
    return smtpSender(SMTP_URL, MAIL_FROM);
  })().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

/** Sends through nodemailer to the SMTP server at `url` (smtp:// or smtps://, credentials in the URL). */
export async function smtpSender(url: string, from: string): Promise<Sender> {
  const { createTransport } = await import("nodemailer");
  // Every step bounded, so one send always ends well inside its lease (SEND_LEASE_SECONDS in ./deliver.ts).
  const transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? "portal.invalid";
  // MAIL_FROM's address, whatever its own display name: the name shown is the organisation's when there is one.
  const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  return {
    kind: "smtp",
    send: async (m) => {
      await transport.sendMail({
        // nodemailer quotes and encodes the name (commas, accents) itself.
        from: m.fromName ? { name: m.fromName, address } : from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
        messageId: `<outbox-${m.id}@${domain}>`,
      });
    },
  };
}
