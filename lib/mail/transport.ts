import "server-only";
import { env } from "@/lib/env";

// Where mail goes: SMTP through nodemailer when SMTP_URL is set; otherwise (never in production, lib/env.ts refuses
// that) the development outbox, i.e. the message stays in the database for app/(dev)/dev/outbox to show.

export type Envelope = { to: string; subject: string; text: string };
export type Sender = { kind: "smtp" | "dev-outbox"; send: (m: Envelope) => Promise<void> };

let cached: Promise<Sender> | undefined;

export function mailSender(): Promise<Sender> {
  cached ??= (async (): Promise<Sender> => {
    const { SMTP_URL, MAIL_FROM, APP_ENV } = env();
    if (!SMTP_URL) {
      if (APP_ENV === "production") throw new Error("SMTP_URL is required in production");
      return { kind: "dev-outbox", send: async () => {} };
    }
    const { createTransport } = await import("nodemailer");
    const transport = createTransport(SMTP_URL, { from: MAIL_FROM });
    return {
      kind: "smtp",
      send: async (m) => {
        await transport.sendMail({ from: MAIL_FROM, to: m.to, subject: m.subject, text: m.text });
      },
    };
  })().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}
