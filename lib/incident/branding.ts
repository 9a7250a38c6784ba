import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { readCurrentIncident } from "@/lib/incident/current";
import { logError } from "@/lib/log";

// Whose site this is, on every page: the organisation from the imported bundle and the one official address.
// People are told to type the address themselves; the page they land on must then say plainly who runs it.

/** The official address people should type themselves: the host of PUBLIC_URL (lib/env.ts), nothing more. */
export const officialHost = (): string => new URL(env().PUBLIC_URL).host;

export type Branding = { organisation: string | null; officialHost: string };

/**
 * The organisation (null before any import, or when the database cannot answer: the header and titles then fall
 * back to the portal's own name, and the page itself reports the outage). Cached per request, so the layout and
 * its metadata share one query.
 */
export const readBranding = cache(async (): Promise<Branding> => {
  let organisation: string | null = null;
  try {
    organisation = (await readCurrentIncident(await getDb()))?.organisation ?? null;
  } catch (err) {
    logError("branding.read", err);
  }
  return { organisation, officialHost: officialHost() };
});
