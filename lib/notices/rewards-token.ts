import "server-only";
import { createHash, createHmac } from "node:crypto";
import { env } from "@/lib/env";

// A rewards member's deep-link token. It is HMAC-SHA256 of the link's random row id under the blind-index key
// (with its own domain label), so the sender can re-derive it when a send is retried after a crash: the retried
// notice carries the same link rather than a second live one. The table keeps only the token's SHA-256, so a
// copy of the database alone opens nothing; a tampered token matches no row.

let key: Buffer | undefined;
const hmacKey = () => (key ??= Buffer.from(env().BLIND_INDEX_KEY, "base64"));

/** 256 bits, base64url (43 characters). */
export function rewardsLinkToken(linkId: string): string {
  return createHmac("sha256", hmacKey()).update(`rewards-link\u0000${linkId}`, "utf8").digest("base64url");
}

/** What rewards_links.token_hash holds for a token. */
export function rewardsTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The link's path under PUBLIC_URL. Opening it (GET or HEAD) never consumes it. */
export const rewardsLinkPath = (token: string) => `/rewards/${token}`;
