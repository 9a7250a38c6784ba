import { readTravellerTiming } from "@/lib/auth/traveller";

// When the caller's traveller session ends, read from its cookie alone: `{ timing: { now, expiresAt, absoluteAt } }`
// (epoch seconds, server clock), or `{ timing: null }` without a valid session. The time-out warning asks before it
// shows and before it signs out (components/session/session-timeout.tsx), so activity in another tab, a server
// action or a client-side navigation (each of which slid the session) postpones it instead of a stale guess.
// Read-only on purpose: the proxy does not run on /api, so asking never extends the session; it names no one, and
// the same-origin policy keeps other sites from reading the answer.
export async function GET() {
  const timing = await readTravellerTiming("no");
  return Response.json({ timing }, { headers: { "cache-control": "no-store" } });
}
