// What a session token may name, checked whenever one is read: ids and the session epoch, nothing else. What the
// holder may see is looked up per request (lib/auth/traveller.ts, lib/auth/agent.ts).
// No import of "server-only": proxy.ts uses it too.

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A traveller session: one person on one booking, in one incident, issued in the person's session epoch. */
export type TravellerClaims = { personId: number; bookingId: number; incidentId: string; epoch: number };
/** An agent session: the account and its session epoch (agents.session_epoch). */
export type AgentClaims = { agentId: string; epoch: number };

const isId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;
const isEpoch = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function travellerClaimsOf(v: unknown): TravellerClaims | null {
  if (!v || typeof v !== "object") return null;
  const { personId, bookingId, incidentId, epoch } = v as Record<string, unknown>;
  if (!isId(personId) || !isId(bookingId) || typeof incidentId !== "string" || incidentId === "") return null;
  return isEpoch(epoch) ? { personId, bookingId, incidentId, epoch } : null;
}

export function agentClaimsOf(v: unknown): AgentClaims | null {
  if (!v || typeof v !== "object") return null;
  const { agentId, epoch } = v as Record<string, unknown>;
  return typeof agentId === "string" && UUID.test(agentId) && isEpoch(epoch) ? { agentId, epoch } : null;
}
