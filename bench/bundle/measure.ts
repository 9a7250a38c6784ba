import { get } from "node:http";
import { brotliDecompressSync } from "node:zlib";

// What a browser downloads for a page's JavaScript, measured on the wire: the page's HTML is read for the scripts
// it loads (<script src>, <link rel=modulepreload> and script preloads), and each chunk is fetched three times as
// a browser would ask for it (no compression, gzip only, brotli first), counting the bytes the server sends.

export type Wire = { status: number; encoding: string; bytes: number; body: Buffer };

/** One GET, without the automatic decompression of fetch(): the body's bytes as they crossed the wire. */
export function getRaw(url: string, headers: Record<string, string> = {}): Promise<Wire> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => {
        const body = Buffer.concat(parts);
        resolve({
          status: res.statusCode ?? 0,
          encoding: String(res.headers["content-encoding"] ?? "identity"),
          bytes: body.length,
          body,
        });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`GET ${url} timed out`)));
  });
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}=["']([^"']*)["']`, "i").exec(tag)?.[1];

/** The script URLs a page makes the browser download, in document order, each once. */
export function scriptUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, "src");
    if (src) urls.add(src.replace(/&amp;/g, "&"));
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(tag, "rel")?.toLowerCase();
    const as = attr(tag, "as")?.toLowerCase();
    const href = attr(tag, "href");
    if (href && (rel === "modulepreload" || (rel === "preload" && as === "script")))
      urls.add(href.replace(/&amp;/g, "&"));
  }
  return [...urls];
}

export type ChunkSize = { url: string; raw: number; gzip: number; br: number; gzipAs: string; brAs: string };

/**
 * Bytes on the wire for one chunk: with no compression asked for, as a browser that offers gzip only, and as a
 * browser that offers brotli first; with the encoding the server chose each time (small files may come as they are).
 */
export async function chunkSize(base: string, url: string): Promise<ChunkSize> {
  const abs = new URL(url, base).toString();
  const plain = await getRaw(abs, { "accept-encoding": "identity" });
  if (plain.status !== 200) throw new Error(`GET ${url} answered ${plain.status}`);
  const gz = await getRaw(abs, { "accept-encoding": "gzip" });
  const br = await getRaw(abs, { "accept-encoding": "br, gzip" });
  if (br.encoding === "br") brotliDecompressSync(br.body); // throws unless the body really is brotli
  return { url, raw: plain.bytes, gzip: gz.bytes, br: br.bytes, gzipAs: gz.encoding, brAs: br.encoding };
}

export type PageWeight = {
  path: string;
  chunks: ChunkSize[];
  raw: number;
  gzip: number;
  br: number;
  /** The encodings the server answered the brotli-first requests with, e.g. "br" or "gzip, identity". */
  brAs: string;
};

export function pageWeight(path: string, chunks: ChunkSize[]): PageWeight {
  const sum = (k: "raw" | "gzip" | "br") => chunks.reduce((n, c) => n + c[k], 0);
  return {
    path,
    chunks,
    raw: sum("raw"),
    gzip: sum("gzip"),
    br: sum("br"),
    brAs: [...new Set(chunks.map((c) => c.brAs))].join(", "),
  };
}
