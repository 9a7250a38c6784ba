import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { findSessionPassenger } from "@/db/queries/session";
import { incidents } from "@/db/schema";
import type { TravellerSession } from "@/lib/auth/traveller";
import { toIsoDate } from "@/lib/traveller/dates";
import type { Traveller } from "@/lib/traveller/viewer";
import { type FixturePerson, seedBooking } from "./fixtures";

// Helpers for the traveller-area tests: a family booking with a minor, and the session a verified traveller
// would carry, built from seeded rows.

export type SeededBooking = Awaited<ReturnType<typeof seedBooking>>;

/** The session of passenger `index` on a seeded booking. */
export const sessionFor = (b: SeededBooking, index = 0): TravellerSession => ({
  personId: b.passengers[index]!.personId,
  bookingId: b.bookingId,
  incidentId: b.incidentId,
});

/**
 * What a traveller service receives for passenger `index`: the session and what the real session check
 * (findSessionPassenger, as lib/auth/traveller.ts runs it) reads for it.
 */
export async function travellerFor(db: Database, b: SeededBooking, index = 0): Promise<Traveller> {
  const session = sessionFor(b, index);
  const passenger = await findSessionPassenger(db, { ...session, epoch: 0 });
  if (!passenger) throw new Error("the seeded passenger failed the session check");
  return { session, passenger };
}

/** A date of birth making someone `years` old today (UTC), a little past their birthday. */
export function dobYearsAgo(years: number, now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - 10);
  return toIsoDate(d);
}

/** Booker (adult, email), adult companion (email), minor companion (no email), all with exposures. */
export function familyBooking(db: Database, overrides: Partial<FixturePerson>[] = []) {
  const base: FixturePerson[] = [
    {
      givenName: "Zoë",
      familyName: "Côté",
      dob: "1980-03-14",
      email: "zoe.cote@example.org",
      language: "fr",
      exposures: [
        { category: "full_name" },
        { category: "travel_document", detail: "Passport ending 7731" },
        { category: "contact_info", detail: "Email address" },
      ],
    },
    {
      givenName: "Seán",
      familyName: "O'Brien",
      dob: "1979-07-02",
      email: "sean.obrien@example.net",
      exposures: [
        { category: "rewards_account", detail: "Member ID ending 5017 and points balance" },
        { category: "mailing_address", detail: "Address on file in QC" },
      ],
    },
    {
      givenName: "Ana-María",
      familyName: "de la Fontaine",
      dob: dobYearsAgo(9),
      email: null,
      exposures: [{ category: "itinerary", detail: "YUL-LHR on 2024-12-09" }],
    },
  ];
  return seedBooking(
    db,
    base.map((p, i) => ({ ...p, ...(overrides[i] ?? {}) })),
  );
}

export async function setEnrolBy(db: Database, incidentId: string, enrolBy: string) {
  await db.update(incidents).set({ enrolBy }).where(eq(incidents.id, incidentId));
}

/** Gives the incident a monitoring provider, as incident.json's monitoring.provider would. */
export async function setProvider(db: Database, incidentId: string, activateWithinDays = 90) {
  await db
    .update(incidents)
    .set({
      providerName: "Northwind Identity Monitoring",
      providerActivationUrl: "https://monitoring.example.com/activate",
      providerPhone: "+1-888-555-0177",
      providerActivateWithinDays: activateWithinDays,
    })
    .where(eq(incidents.id, incidentId));
}
