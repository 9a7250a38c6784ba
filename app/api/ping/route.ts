// The trivial route: no database, no session. Benchmarks compare real pages against it.
export function GET() {
  return new Response("ok", { headers: { "content-type": "text/plain", "cache-control": "no-store" } });
}
