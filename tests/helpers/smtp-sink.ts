import { createServer, type Server, type Socket } from "node:net";

// A minimal SMTP server for tests: enough of RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, no
// extensions) for nodemailer to hand it a message over a real socket. It keeps what it received, so a test
// can check what actually went over the wire.

export type ReceivedMail = { from: string; to: string[]; data: string };
export type SmtpSink = { url: string; received: ReceivedMail[]; close: () => Promise<void> };

function session(socket: Socket, received: ReceivedMail[]): void {
  let buffer = "";
  let inData = false;
  let current: ReceivedMail = { from: "", to: [], data: "" };
  const reply = (line: string) => socket.write(`${line}\r\n`);
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
        buffer = buffer.slice(end + 5);
        received.push(current);
        current = { from: "", to: [], data: "" };
        inData = false;
        reply("250 2.0.0 queued");
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
        current = { from: "", to: [], data: "" };
        reply("250 2.0.0 ok");
      } else if (verb === "NOOP") reply("250 2.0.0 ok");
      else if (verb === "QUIT") {
        reply("221 2.0.0 bye");
        socket.end();
      } else reply("502 5.5.2 not implemented");
    }
  });
  socket.on("error", () => {});
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    session(socket, received);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
