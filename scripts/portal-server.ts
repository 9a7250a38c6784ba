import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import next from "next";
import { isDraining, startDraining } from "../lib/drain";
import { compressResponse } from "./compression";

// The portal's HTTP server: Next.js's request handler (the production build, as `next start` serves it) inside a
// plain Node server that the portal controls, for two reasons:
//   - The client address. Next.js fills X-Forwarded-For with the socket address only when the client sent none,
//     so the app cannot tell a header the client made up from the socket. This server puts the socket address in
//     a header whose name carries a random token chosen at start-up (PORTAL_SOCKET_HEADER, read back by
//     lib/rate-limit.ts clientIpFrom in this same process) after dropping any copy a client sent.
//   - Slow clients. A request must arrive whole within REQUEST_TIMEOUT_MS (headers within HEADERS_TIMEOUT_MS), or
//     its connection is closed, so a client trickling a body a byte at a time cannot hold connections open.
//   - Compression. Next.js compresses with gzip only; this server negotiates brotli, then gzip
//     (scripts/compression.ts), and next.config.ts turns Next.js's own compression off so nothing is compressed twice.
//   - Draining. SIGTERM does not drop anything it accepted: /api/health says 503 at once (lib/drain.ts), every
//     response from then on closes its connection (so a balancer's kept-alive connections are not reused), and
//     after DRAIN_DELAY_MS (default 0; set it to the time a polling balancer needs to see the 503) the server stops
//     listening, closes idle connections, lets the requests in flight finish and exits (at the latest
//     REQUEST_TIMEOUT_MS later). SIGINT (Ctrl-C) skips the delay.
// Run by scripts/start.ts (`npm start`), scripts/e2e-server.ts and deploy/run.ts, without the react-server
// condition (Next.js renders with its own React). Arguments: --port N, --host H, --keep-alive-timeout MS.

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
};
const port = Number(arg("port") ?? process.env.PORT ?? 3000);
const host = arg("host");
const ms = (value: string | undefined, fallback: number) => (value && Number(value) > 0 ? Number(value) : fallback);
const requestTimeout = ms(process.env.REQUEST_TIMEOUT_MS, 10_000);
const headersTimeout = Math.min(requestTimeout, ms(process.env.HEADERS_TIMEOUT_MS, 5_000));
// Longer than the usual load balancer's idle timeout (60 s), so the server never closes a socket the balancer is
// about to reuse.
const keepAliveTimeout = ms(arg("keep-alive-timeout"), 65_000);
const drainDelay = Math.max(0, Number(process.env.DRAIN_DELAY_MS ?? 0) || 0);

const SOCKET_HEADER_PREFIX = "x-portal-socket";
process.env.PORTAL_SOCKET_HEADER = `${SOCKET_HEADER_PREFIX}-${randomBytes(12).toString("hex")}`;
const socketHeader = process.env.PORTAL_SOCKET_HEADER;

const started = Date.now();
const app = next({ dev: false, dir: process.cwd(), hostname: host ?? "localhost", port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer(
  { requestTimeout, headersTimeout, keepAliveTimeout, connectionsCheckingInterval: 1_000 },
  (req, res) => {
    for (const name of Object.keys(req.headers)) if (name.startsWith(SOCKET_HEADER_PREFIX)) delete req.headers[name];
    req.headers[socketHeader] = req.socket.remoteAddress ?? "";
    if (isDraining()) res.setHeader("connection", "close");
    compressResponse(req, res);
    handle(req, res).catch((err: unknown) => {
      console.error(
        JSON.stringify({
          level: "error",
          at: new Date().toISOString(),
          context: "server",
          error: (err as Error)?.name,
        }),
      );
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  },
);
server.on("upgrade", (req, socket, head) => {
  for (const name of Object.keys(req.headers)) if (name.startsWith(SOCKET_HEADER_PREFIX)) delete req.headers[name];
  req.headers[socketHeader] = req.socket.remoteAddress ?? "";
  void app.getUpgradeHandler()(req, socket, head);
});

server.listen(port, host, () => {
  const { version } = createRequire(import.meta.url)("next/package.json") as { version: string };
  console.log(`   ▲ Next.js ${version}`);
  console.log(`   - Local:        http://${host ?? "localhost"}:${port}`);
  console.log(` ✓ Ready in ${Date.now() - started}ms`);
});

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    startDraining();
    setTimeout(
      () => {
        server.close(() => process.exit(0));
        // A connection that was busy when the server closed becomes idle once its response is sent (kept alive if
        // the response started before the drain): close those as they appear.
        server.closeIdleConnections();
        setInterval(() => server.closeIdleConnections(), 100).unref();
        setTimeout(() => process.exit(0), requestTimeout + 1_000).unref();
      },
      signal === "SIGTERM" ? drainDelay : 0,
    );
  });
}
