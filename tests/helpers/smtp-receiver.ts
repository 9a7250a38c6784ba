import { EventEmitter } from "node:events";
import { SMTPServer } from "smtp-server";

// A real SMTP server on loopback (the smtp-server package) for the notices' tests and bench:notices. It keeps
// every message it accepted and counts them by Message-ID, as a receiving system that dedupes by it would: a
// notice repeated in the one unavoidable window (accepted, not yet recorded) shows as a second copy of the same
// Message-ID, never as a different message. `refuse` answers chosen recipients with an SMTP error (4xx or 5xx).

export type Received = { to: string; messageId: string; raw: string };

export type SmtpReceiver = {
  url: string;
  received: Received[];
  /** Accepted copies per Message-ID. */
  byMessageId: Map<string, number>;
  /** Resolves once `check` holds (checked now and after every accepted message). */
  until: (check: (r: SmtpReceiver) => boolean) => Promise<void>;
  close: () => Promise<void>;
};

export type ReceiverOptions = {
  /** An SMTP reply code for this recipient (e.g. 450, 550), or null to accept. */
  refuse?: (to: string) => number | null;
  /** Keep only Message-ID and recipient (the benchmark: no bodies held in memory). */
  light?: boolean;
};

export async function startSmtpReceiver(opts: ReceiverOptions = {}): Promise<SmtpReceiver> {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const receiver: SmtpReceiver = {
    url: "",
    received: [],
    byMessageId: new Map(),
    until: (check) =>
      new Promise<void>((resolve) => {
        const test = () => {
          if (!check(receiver)) return;
          events.off("mail", test);
          resolve();
        };
        events.on("mail", test);
        test();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // No DNS lookup of the client (loopback): it would only add latency to every connection.
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      const code = opts.refuse?.(address.address) ?? null;
      if (code === null) return callback();
      const err = Object.assign(new Error(code >= 500 ? "mailbox unavailable" : "try again later"), {
        responseCode: code,
      });
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const head = raw.slice(0, raw.indexOf("\r\n\r\n") >>> 0 || raw.length);
        const messageId = /^Message-ID:\s*(\S+)\s*$/im.exec(head)?.[1] ?? "";
        const to = session.envelope.rcptTo[0]?.address ?? "";
        receiver.received.push({ to, messageId, raw: opts.light ? "" : raw });
        receiver.byMessageId.set(messageId, (receiver.byMessageId.get(messageId) ?? 0) + 1);
        callback();
        events.emit("mail");
      });
    },
  });
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  receiver.url = `smtp://127.0.0.1:${port}`;
  return receiver;
}
