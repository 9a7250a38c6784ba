import "server-only";
import { env } from "@/lib/env";
import type { ComposedEmail } from "./compose";

// The notices' SMTP connections: one nodemailer pool per process, shared by its sweeps, so a run of 1.2 million
// messages opens a handful of connections instead of one per message. The verification-code mail keeps its own
// transport (lib/mail/transport.ts): a code must go out in seconds, never queued behind the notices.

export type NoticeTransport = { send: (m: ComposedEmail) => Promise<void>; close: () => void };

/** A pooled transport to `url` (smtp:// or smtps://), `connections` at most. */
export async function noticeTransport(url: string, connections: number): Promise<NoticeTransport> {
  const { createTransport } = await import("nodemailer");
  const transport = createTransport({
    url,
    pool: true,
    maxConnections: connections,
    maxMessages: Number.POSITIVE_INFINITY,
    // Every step bounded, well inside NOTICE_LEASE_SECONDS' default.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  const from = env().MAIL_FROM;
  return {
    send: async (m) => {
      await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
      });
    },
    close: () => transport.close(),
  };
}
