import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { promisify } from "node:util";
import {
  type BrotliCompress,
  brotliCompress,
  constants,
  createBrotliCompress,
  createGzip,
  type Gzip,
  gzip,
} from "node:zlib";

// Response compression for the portal's server (scripts/portal-server.ts): brotli when the browser accepts it, else
// gzip. Next.js's own compression is gzip only, so it is turned off (next.config.ts `compress: false`) and this
// wraps every response instead:
//   - immutable files (the content-hashed /_next/static chunks) are compressed once at the highest settings and the
//     result kept in memory: every later request for the same file gets the same bytes for free;
//   - everything else (streamed HTML, RSC payloads, JSON) streams through a fast encoder, flushed whenever Next.js
//     flushes (res.flush(), which its streaming renderer calls after each chunk), so a page still arrives in pieces;
//   - nothing already encoded, no HEAD, 204, 206 or redirect, no `Cache-Control: no-transform`, no type that does not
//     compress (images, fonts), and nothing under 1 KB; `Vary: Accept-Encoding` on every compressible response.

type Encoding = "br" | "gzip";

/** The encoding to answer with: brotli if the client accepts it, then gzip (RFC 9110 12.5.3, q=0 refuses). */
export function negotiateEncoding(header: string | string[] | undefined): Encoding | null {
  const accepted = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: Encoding) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return null;
}

const COMPRESSIBLE =
  /^(text\/|application\/(javascript|ecmascript|json|xml|manifest\+json|x-javascript|[\w.-]+\+(json|xml))|image\/svg\+xml)/i;
const THRESHOLD = 1024;

// Streaming: quality 4 brotli is about as fast as gzip's default and still smaller; immutable files: the maximum.
const STREAM_BROTLI = { [constants.BROTLI_PARAM_QUALITY]: 4 };
const STATIC_BROTLI = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY };
const brotliOnce = promisify(brotliCompress);
const gzipOnce = promisify(gzip);

/** Compressed immutable files, by encoding, URL and ETag; bounded, oldest dropped first. */
const staticCache = new Map<string, Buffer>();
const STATIC_CACHE_BYTES = 64 * 1024 * 1024;
let staticCacheBytes = 0;

function remember(key: string, body: Buffer): void {
  staticCache.set(key, body);
  staticCacheBytes += body.length;
  for (const [k, v] of staticCache) {
    if (staticCacheBytes <= STATIC_CACHE_BYTES) break;
    staticCache.delete(k);
    staticCacheBytes -= v.length;
  }
}

function appendVary(res: ServerResponse): void {
  const current = res.getHeader("vary");
  const list = (Array.isArray(current) ? current.join(",") : String(current ?? ""))
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  if (list.includes("*") || list.some((v) => v.toLowerCase() === "accept-encoding")) return;
  res.setHeader("Vary", [...list, "Accept-Encoding"].join(", "));
}

type Chunk = string | Buffer | Uint8Array;
const toBuffer = (chunk: Chunk, encoding?: BufferEncoding) =>
  typeof chunk === "string"
    ? Buffer.from(chunk, encoding)
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
type Callback = (err?: Error | null) => void;

/**
 * Makes `res` compress what is written to it, as negotiated with `req`. Call before handing the pair to Next.js.
 * The decision waits for the response's headers (its status, type and length) and is taken once.
 */
export function compressResponse(req: IncomingMessage, res: ServerResponse): void {
  const encoding = negotiateEncoding(req.headers["accept-encoding"]);
  const write = res.write.bind(res) as (chunk: Chunk, cb?: Callback) => boolean;
  const end = res.end.bind(res) as (cb?: () => void) => ServerResponse;
  const writeHead = res.writeHead.bind(res) as (status: number, message?: string) => ServerResponse;

  // undefined: not decided yet; null: passing through; a stream: compressing as it comes; "buffer": an immutable
  // file, collected and compressed whole when it ends.
  let mode: BrotliCompress | Gzip | "buffer" | null | undefined;
  const collected: Buffer[] = [];

  const decide = (knownLength?: number): void => {
    if (mode !== undefined) return;
    mode = null;
    const type = String(res.getHeader("content-type") ?? "");
    if (!COMPRESSIBLE.test(type)) return;
    appendVary(res);
    const status = res.statusCode;
    const cacheControl = String(res.getHeader("cache-control") ?? "");
    const declared = Number(res.getHeader("content-length") ?? Number.NaN);
    const length = Number.isFinite(declared) ? declared : knownLength;
    if (
      !encoding ||
      req.method === "HEAD" ||
      status < 200 ||
      (status >= 300 && status < 400) ||
      status === 204 ||
      status === 206 ||
      status === 304 ||
      res.getHeader("content-encoding") ||
      /\bno-transform\b/i.test(cacheControl) ||
      (length !== undefined && length < THRESHOLD)
    )
      return;
    res.setHeader("Content-Encoding", encoding);
    res.removeHeader("Content-Length");
    // A strong validator names exact bytes, which are now different ones (RFC 9110 8.8.1).
    const etag = res.getHeader("etag");
    if (typeof etag === "string" && !etag.startsWith("W/")) res.setHeader("ETag", `W/${etag}`);
    if (/\bimmutable\b/i.test(cacheControl) && status === 200 && !res.headersSent) {
      mode = "buffer";
      return;
    }
    const stream =
      encoding === "br"
        ? createBrotliCompress({ params: STREAM_BROTLI })
        : createGzip({ level: constants.Z_DEFAULT_COMPRESSION });
    stream.on("data", (out: Buffer) => {
      if (!write(out)) stream.pause();
    });
    stream.on("end", () => end());
    stream.on("error", (err) => res.destroy(err));
    // The socket's drain resumes the encoder; the encoder's drain is the writer's cue (it listens on res).
    res.on("drain", () => stream.resume());
    stream.on("drain", () => res.emit("drain"));
    res.once("close", () => stream.destroy());
    mode = stream;
  };

  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const message = typeof rest[0] === "string" ? rest[0] : undefined;
    const headers = (typeof rest[0] === "string" ? rest[1] : rest[0]) as OutgoingHttpHeaders | string[] | undefined;
    res.statusCode = status;
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(headers[i]!, headers[i + 1]!);
    } else if (headers) {
      for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v);
    }
    decide();
    return writeHead(status, message);
  }) as ServerResponse["writeHead"];

  res.write = ((chunk: Chunk, enc?: BufferEncoding | Callback, cb?: Callback) => {
    const callback = typeof enc === "function" ? enc : cb;
    const bytes = toBuffer(chunk, typeof enc === "string" ? enc : undefined);
    decide();
    if (mode === "buffer") {
      collected.push(bytes);
      callback?.();
      return true;
    }
    if (mode) return mode.write(bytes, callback);
    return write(bytes, callback);
  }) as ServerResponse["write"];

  res.end = ((chunk?: Chunk | (() => void), enc?: BufferEncoding | (() => void), cb?: () => void) => {
    const callback = [chunk, enc, cb].find((a): a is () => void => typeof a === "function");
    if (callback) res.once("finish", callback);
    const last =
      chunk && typeof chunk !== "function" ? toBuffer(chunk, typeof enc === "string" ? enc : undefined) : undefined;
    decide(last?.length ?? 0);
    if (mode === "buffer") {
      if (last) collected.push(last);
      void sendWhole(Buffer.concat(collected));
    } else if (mode) {
      mode.end(last);
    } else {
      if (last) write(last);
      end();
    }
    return res;
  }) as ServerResponse["end"];

  // Next.js calls this after each streamed chunk: push what the encoder holds to the client now.
  (res as ServerResponse & { flush?: () => void }).flush = () => {
    if (mode && mode !== "buffer") mode.flush();
  };

  const sendWhole = async (body: Buffer): Promise<void> => {
    const key = `${encoding} ${req.url} ${String(res.getHeader("etag") ?? "")}`;
    try {
      let out = staticCache.get(key);
      if (!out) {
        out =
          encoding === "br"
            ? await brotliOnce(body, { params: { ...STATIC_BROTLI, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
            : await gzipOnce(body, { level: constants.Z_BEST_COMPRESSION });
        remember(key, out);
      }
      if (!res.headersSent) res.setHeader("Content-Length", out.length);
      write(out);
      end();
    } catch (err) {
      res.destroy(err as Error);
    }
  };
}
