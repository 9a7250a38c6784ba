import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents, bookingPassengers, categories, exposures, people } from "@/db/schema";
import { isCategoryCode } from "@/lib/catalogue/categories";
import { aadFor, decryptNullable } from "@/lib/crypto/field-encryption";
import type { ExposureDto } from "@/lib/dto/traveller";

// Reads about the session person themselves. Every function takes the ids from the verified session; none
// accepts an id from the client.

export type SessionIds = { personId: number; bookingId: number; incidentId: string };

/** The exposed categories of this one person, in the catalogue's order. */
export async function listOwnExposures(db: Database, personId: number): Promise<ExposureDto[]> {
  const rows = await db
    .select({ category: exposures.category, detail: exposures.detail })
    .from(exposures)
    .innerJoin(categories, eq(categories.code, exposures.category))
    .where(eq(exposures.personId, personId))
    .orderBy(asc(categories.sortOrder));
  // The foreign key guarantees a known code; the guard keeps the type honest if the catalogue ever grows first.
  return rows.flatMap((r) => (isCategoryCode(r.category) ? [{ category: r.category, detail: r.detail }] : []));
}

/** Given name (for the greeting) and role on the session booking. */
export async function getOwnProfile(db: Database, s: SessionIds): Promise<{ givenName: string; isBooker: boolean } | null> {
  const [row] = await db
    .select({ givenName: people.givenName, role: bookingPassengers.role })
    .from(bookingPassengers)
    .innerJoin(people, eq(people.id, bookingPassengers.personId))
    .where(and(eq(bookingPassengers.bookingId, s.bookingId), eq(bookingPassengers.personId, s.personId), eq(people.incidentId, s.incidentId)))
    .limit(1);
  return row ? { givenName: row.givenName, isBooker: row.role === "booker" } : null;
}

/** Where to send this person's own mail, in their language. Server-side only: never returned to a page. */
export async function getOwnMailContact(
  db: Database,
  personId: number,
): Promise<{ givenName: string; email: string | null; language: "en" | "fr" } | null> {
  const [row] = await db
    .select({ givenName: people.givenName, incidentId: people.incidentId, externalId: people.externalId, emailEnc: people.emailEnc, language: people.language })
    .from(people)
    .where(eq(people.id, personId))
    .limit(1);
  if (!row) return null;
  return {
    givenName: row.givenName,
    email: decryptNullable(row.emailEnc, aadFor("people", "email", `${row.incidentId}:${row.externalId}`)),
    language: row.language === "fr" ? "fr" : "en",
  };
}

/** Whether an email address is on file for this person: a null check, nothing decrypted. */
export async function hasOwnEmail(db: Database, personId: number): Promise<boolean> {
  const [row] = await db
    .select({ hasEmail: sql<boolean>`(${people.emailEnc} is not null)` })
    .from(people)
    .where(eq(people.id, personId))
    .limit(1);
  return Boolean(row?.hasEmail);
}

/** Audit trail for traveller actions: ids only, never personal data. */
export async function recordTravellerEvent(
  db: Database,
  v: { actorPersonId: number; action: string; personId: number; bookingId: number },
): Promise<void> {
  await db.insert(auditEvents).values({ actorType: "traveller", actorId: String(v.actorPersonId), action: v.action, personId: v.personId, bookingId: v.bookingId });
}
