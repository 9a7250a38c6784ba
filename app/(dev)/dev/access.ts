import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { devOutboxEnabled } from "@/lib/mail/outbox";
import { clientIpFrom, isLoopback } from "@/lib/rate-limit";

/**
 * Whether this request may see the development tools (the outbox shows every verification code). Never in
 * production, never once a mail server is configured (mail then really goes out, and a copy must not sit here for
 * anyone), and only for a client on this machine: a forgotten APP_ENV exposes nothing to the network.
 */
export function devToolsOpenTo(clientIp: string): boolean {
  return devOutboxEnabled() && !env().SMTP_URL && isLoopback(clientIp);
}

export const devToolsOpen = async (): Promise<boolean> => devToolsOpenTo(clientIpFrom(await headers()));
