import { get, type IncomingMessage } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { expect, test } from "./fixtures";

// The portal's server (scripts/portal-server.ts, as `npm start` runs it) answers browsers that accept brotli with
// brotli, others with gzip, and never compresses twice (next.config.ts turns Next.js's own gzip off).

type Raw = { status: number; headers: IncomingMessage["headers"]; body: Buffer };

/** One GET without fetch()'s automatic decoding: the bytes as they crossed the wire. */
function getRaw(url: string, acceptEncoding: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { "accept-encoding": acceptEncoding, accept: "text/html,*/*" } }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

test("a browser gets the page's scripts as brotli, and the page works", async ({ page }) => {
  const scripts: Array<{ url: string; encoding: string | undefined }> = [];
  page.on("response", (res) => {
    if (/\/_next\/static\/chunks\/.+\.js$/.test(res.url()))
      scripts.push({ url: res.url(), encoding: res.headers()["content-encoding"] });
  });
  await page.goto("/verify");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByLabel("Booking reference")).toBeEditable();
  // Every chunk worth compressing came as brotli (the few under 1 KB come as they are).
  const big = scripts.filter((s) => s.encoding !== undefined);
  expect(big.length).toBeGreaterThan(3);
  expect(
    big.every((s) => s.encoding === "br"),
    JSON.stringify(scripts),
  ).toBe(true);
});

test("a script chunk and a streamed page decode to the same bytes, with brotli and with gzip", async ({ baseURL }) => {
  const html = await getRaw(`${baseURL}/verify`, "identity");
  expect(html.status).toBe(200);
  expect(html.headers["content-encoding"]).toBeUndefined();
  const chunk = /<script[^>]+src="(\/_next\/static\/chunks\/[^"]+\.js)"/.exec(html.body.toString())?.[1];
  expect(chunk).toBeTruthy();
  const plain = await getRaw(`${baseURL}${chunk}`, "identity");
  expect(plain.headers["content-encoding"]).toBeUndefined();

  const br = await getRaw(`${baseURL}${chunk}`, "gzip, deflate, br, zstd");
  expect(br.headers["content-encoding"]).toBe("br");
  expect(br.headers.vary).toMatch(/Accept-Encoding/i);
  expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
  expect(br.body.length).toBeLessThan(plain.body.length / 2);

  const gz = await getRaw(`${baseURL}${chunk}`, "gzip");
  expect(gz.headers["content-encoding"]).toBe("gzip");
  expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);

  // The page itself: compressed once (decoding once gives the HTML), varying on what Next.js varies on and more.
  for (const [accept, encoding, decode] of [
    ["br, gzip", "br", brotliDecompressSync],
    ["gzip", "gzip", gunzipSync],
  ] as const) {
    const page = await getRaw(`${baseURL}/verify`, accept);
    expect(page.status).toBe(200);
    expect(page.headers["content-encoding"]).toBe(encoding);
    expect(page.headers.vary).toMatch(/\brsc\b.*Accept-Encoding/i);
    const text = decode(page.body).toString();
    expect(text.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(text.trimEnd().endsWith("</html>")).toBe(true);
  }
});
