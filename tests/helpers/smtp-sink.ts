import { EventEmitter } from "node:events";
import { createServer, type Server, type Socket } from "node:net";

// A minimal SMTP server for tests: enough of RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, no
// extensions) for nodemailer to hand it a message over a real socket. It keeps what it accepted, so a test can
// check what actually went over the wire. `hold` makes it slow on cue: a message it matches is read but not
// answered until release(), so a test can stop a sender mid-batch by events, never by timers. A held message
// whose connection closes (the sender was killed) was never accepted: it goes to `dropped`.

export type ReceivedMail = { from: string; to: string[]; data: string; messageId: string };
export type SmtpSink = {
  url: string;
  /** Messages accepted (answered 250), in order. */
  received: ReceivedMail[];
  /** Messages read but not yet answered (held). */
  held: ReceivedMail[];
  /** Held messages whose sender went away before the answer: not accepted. */
  dropped: ReceivedMail[];
  /** Answers every held message (accepting it) and stops holding. */
  release: () => void;
  /** Resolves once `check` holds (checked now and after every message read, accepted or dropped). */
  until: (check: (sink: SmtpSink) => boolean) => Promise<void>;
  close: () => Promise<void>;
};

export type SmtpSinkOptions = { hold?: (mail: ReceivedMail, index: number) => boolean };

export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const events = new EventEmitter();
  const sockets = new Set<Socket>();
  const waiting = new Map<ReceivedMail, () => void>();
  let holding = true;
  let count = 0;

  const session = (socket: Socket) => {
    let buffer = "";
    let inData = false;
    let current: ReceivedMail = { from: "", to: [], data: "", messageId: "" };
    const reply = (line: string) => {
      if (!socket.destroyed) socket.write(`${line}\r\n`);
    };
    reply("220 sink.test ESMTP");
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          // Undo dot-stuffing (RFC 5321 4.5.2).
          current.data = buffer.slice(0, end).replace(/^\.\./gm, ".");
          current.messageId = /^Message-ID:\s*(\S+)\r?$/im.exec(current.data)?.[1] ?? "";
          buffer = buffer.slice(end + 5);
          const mail = current;
          current = { from: "", to: [], data: "", messageId: "" };
          inData = false;
          const accept = () => {
            sink.received.push(mail);
            reply("250 2.0.0 queued");
            events.emit("change");
          };
          if (holding && opts.hold?.(mail, count++)) {
            sink.held.push(mail);
            waiting.set(mail, accept);
            socket.once("close", () => {
              if (!waiting.delete(mail)) return;
              sink.held.splice(sink.held.indexOf(mail), 1);
              sink.dropped.push(mail);
              events.emit("change");
            });
            events.emit("change");
          } else accept();
          continue;
        }
        const nl = buffer.indexOf("\r\n");
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") reply("250 sink.test");
        else if (verb === "MAIL") {
          current.from = /<([^>]*)>/.exec(line)?.[1] ?? "";
          reply("250 2.1.0 ok");
        } else if (verb === "RCPT") {
          current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          reply("250 2.1.5 ok");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 end with <CRLF>.<CRLF>");
        } else if (verb === "RSET") {
          current = { from: "", to: [], data: "", messageId: "" };
          reply("250 2.0.0 ok");
        } else if (verb === "NOOP") reply("250 2.0.0 ok");
        else if (verb === "QUIT") {
          reply("221 2.0.0 bye");
          socket.end();
        } else reply("502 5.5.2 not implemented");
      }
    });
    socket.on("error", () => {});
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    session(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const sink: SmtpSink = {
    url: `smtp://127.0.0.1:${port}`,
    received: [],
    held: [],
    dropped: [],
    release: () => {
      holding = false;
      const pending = [...waiting.values()];
      waiting.clear();
      sink.held.length = 0;
      for (const accept of pending) accept();
    },
    until: (check) =>
      new Promise<void>((resolve) => {
        const test = () => {
          if (!check(sink)) return;
          events.off("change", test);
          resolve();
        };
        events.on("change", test);
        test();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return sink;
}
