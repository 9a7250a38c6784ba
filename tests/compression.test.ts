import { randomBytes } from "node:crypto";
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, createBrotliDecompress, createGunzip, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressResponse, negotiateEncoding } from "@/scripts/compression";

// The portal server's compression (scripts/compression.ts) on a real HTTP server and socket, with responses shaped
// like Next.js's: an immutable static chunk, a streamed page flushed piece by piece, small and binary answers.

// Text that compresses like code does (repetitive) but is not trivial.
const SCRIPT = Array.from({ length: 1500 }, (_, i) => `function f${i}(a){return a+${i}*${(i * 7919) % 1000};}`).join(
  "\n",
);

type Handler = (req: IncomingMessage, res: ServerResponse & { flush?: () => void }) => void | Promise<void>;
const routes = new Map<string, Handler>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    compressResponse(req, res);
    const handler = routes.get(req.url ?? "");
    if (!handler) {
      res.statusCode = 404;
      res.end();
      return;
    }
    void handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

type Raw = { status: number; headers: IncomingMessage["headers"]; body: Buffer };
function fetchRaw(path: string, headers: Record<string, string>, method = "GET"): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = get(`${base}${path}`, { headers, method }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

const decode = (r: Raw) =>
  r.headers["content-encoding"] === "br"
    ? brotliDecompressSync(r.body)
    : r.headers["content-encoding"] === "gzip"
      ? gunzipSync(r.body)
      : r.body;

describe("negotiating the encoding", () => {
  it("prefers brotli, then gzip, honours q=0 and *", () => {
    expect(negotiateEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(negotiateEncoding("gzip, deflate")).toBe("gzip");
    expect(negotiateEncoding("br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(negotiateEncoding("BR;Q=1.0")).toBe("br");
    expect(negotiateEncoding("*")).toBe("br");
    expect(negotiateEncoding("*;q=0, gzip")).toBe("gzip");
    expect(negotiateEncoding("identity")).toBeNull();
    expect(negotiateEncoding("gzip;q=0")).toBeNull();
    expect(negotiateEncoding(undefined)).toBeNull();
    expect(negotiateEncoding("")).toBeNull();
  });
});

describe("compressing responses", () => {
  it("serves an immutable chunk as brotli (or gzip), decodable, with a length, and the same bytes every time", async () => {
    routes.set("/_next/static/chunks/app.js", (_req, res) => {
      res.statusCode = 200;
      res.setHeader("Content-Type", "application/javascript; charset=UTF-8");
      res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      res.setHeader("Content-Length", Buffer.byteLength(SCRIPT));
      res.setHeader("ETag", 'W/"abc-1"');
      // Written in pieces, as a file stream piped into the response is.
      const bytes = Buffer.from(SCRIPT);
      for (let i = 0; i < bytes.length; i += 16_384) res.write(bytes.subarray(i, i + 16_384));
      res.end();
    });
    const br = await fetchRaw("/_next/static/chunks/app.js", { "accept-encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(decode(br).toString()).toBe(SCRIPT);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 4);

    const again = await fetchRaw("/_next/static/chunks/app.js", { "accept-encoding": "br" });
    expect(again.body.equals(br.body)).toBe(true);

    const gz = await fetchRaw("/_next/static/chunks/app.js", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(decode(gz).toString()).toBe(SCRIPT);
    expect(br.body.length).toBeLessThan(gz.body.length);

    const plain = await fetchRaw("/_next/static/chunks/app.js", { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.toString()).toBe(SCRIPT);
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
  });

  it("streams a page: each flushed piece reaches the browser before the next is written", async () => {
    // The server writes the second half only once the client has decoded the first: without a working flush the
    // first half would sit in the encoder and this test would never finish.
    let clientGotFirst!: () => void;
    const firstArrived = new Promise<void>((r) => (clientGotFirst = r));
    const first = `<!DOCTYPE html><html><body><header>${"shell ".repeat(400)}</header>`;
    const second = `<main>${"content ".repeat(400)}</main></body></html>`;
    routes.set("/stream", async (_req, res) => {
      res.statusCode = 200;
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.setHeader("Vary", "rsc, next-router-state-tree");
      res.flushHeaders();
      res.write(first);
      res.flush?.();
      await firstArrived;
      res.write(second);
      res.flush?.();
      res.end();
    });
    for (const [accept, encoding] of [
      ["br, gzip", "br"],
      ["gzip", "gzip"],
    ] as const) {
      const { text, headers } = await new Promise<{ text: string; headers: IncomingMessage["headers"] }>(
        (resolve, reject) => {
          get(`${base}/stream`, { headers: { "accept-encoding": accept } }, (res) => {
            const decoder = res.headers["content-encoding"] === "br" ? createBrotliDecompress() : createGunzip();
            let text = "";
            let signalled = false;
            decoder.on("data", (c: Buffer) => {
              text += c.toString();
              if (!signalled && text.length >= first.length) {
                signalled = true;
                expect(text).toBe(first);
                clientGotFirst();
              }
            });
            decoder.on("end", () => resolve({ text, headers: res.headers }));
            decoder.on("error", reject);
            res.pipe(decoder);
          }).on("error", reject);
        },
      );
      expect(headers["content-encoding"]).toBe(encoding);
      expect(headers.vary).toBe("rsc, next-router-state-tree, Accept-Encoding");
      expect(text).toBe(first + second);
    }
  });

  it("compresses what writeHead's own headers describe", async () => {
    const page = `<p>${"bonjour ".repeat(500)}</p>`;
    routes.set("/write-head", (_req, res) => {
      res.writeHead(404, { "Content-Type": "text/html; charset=utf-8", ETag: '"strong-1"' });
      res.end(page);
    });
    const r = await fetchRaw("/write-head", { "accept-encoding": "br" });
    expect(r.status).toBe(404);
    expect(r.headers["content-encoding"]).toBe("br");
    // The bytes differ from the identity ones, so a strong validator becomes a weak one.
    expect(r.headers.etag).toBe('W/"strong-1"');
    expect(decode(r).toString()).toBe(page);
  });

  it("leaves alone small, binary, already encoded, no-transform, HEAD and partial responses", async () => {
    const big = randomBytes(8000);
    routes.set("/small", (_req, res) => {
      res.setHeader("Content-Type", "application/json");
      res.end('{"ok":true}');
    });
    routes.set("/image", (_req, res) => {
      res.setHeader("Content-Type", "image/png");
      res.end(big);
    });
    routes.set("/encoded", (_req, res) => {
      res.setHeader("Content-Type", "text/plain");
      res.setHeader("Content-Encoding", "gzip");
      res.end(big);
    });
    routes.set("/no-transform", (_req, res) => {
      res.setHeader("Content-Type", "text/plain");
      res.setHeader("Cache-Control", "no-transform");
      res.end(SCRIPT);
    });
    routes.set("/partial", (_req, res) => {
      res.statusCode = 206;
      res.setHeader("Content-Type", "application/javascript");
      res.end(SCRIPT);
    });
    routes.set("/head", (_req, res) => {
      res.setHeader("Content-Type", "text/html");
      res.setHeader("Content-Length", Buffer.byteLength(SCRIPT));
      res.end();
    });
    const ask = { "accept-encoding": "br, gzip" };
    const small = await fetchRaw("/small", ask);
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.body.toString()).toBe('{"ok":true}');
    const image = await fetchRaw("/image", ask);
    expect(image.headers["content-encoding"]).toBeUndefined();
    expect(image.headers.vary).toBeUndefined();
    expect(image.body.equals(big)).toBe(true);
    const encoded = await fetchRaw("/encoded", ask);
    expect(encoded.headers["content-encoding"]).toBe("gzip");
    expect(encoded.body.equals(big)).toBe(true);
    expect((await fetchRaw("/no-transform", ask)).body.toString()).toBe(SCRIPT);
    expect((await fetchRaw("/partial", ask)).body.toString()).toBe(SCRIPT);
    const head = await fetchRaw("/head", ask, "HEAD");
    expect(head.headers["content-encoding"]).toBeUndefined();
    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(SCRIPT)));
  });
});
