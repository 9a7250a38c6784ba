import { randomInt } from "node:crypto";
import type { Database } from "@/db/client";
import { randomBookingRef, seedBooking } from "@/tests/helpers/fixtures";
import {
  type FixturePerson,
  type FixtureTraveller,
  fixtureEmail,
  minorDob,
  type PersonTemplate,
  VARIETIES,
  VARIETY_NAMES,
  type Variety,
} from "../e2e/fixtures/pool";

// Creates the e2e fixture travellers through the same code the unit tests use (tests/helpers/fixtures.ts:
// real schema, real field encryption, real blind indexes), on the incident the demo bundle loaded. Every
// booking gets its own random reference and every person their own email, so each spec can claim travellers
// nobody else touches (rate limits, codes and checklist state never leak between specs).

function exposuresFor(t: PersonTemplate, minor: boolean): FixturePerson["exposures"] {
  const passport = {
    category: "travel_document" as const,
    detail: `Passport ending ${String(randomInt(10_000)).padStart(4, "0")}`,
  };
  if (minor) return [{ category: "full_name", detail: null }, { category: "date_of_birth", detail: null }, passport];
  return [
    { category: "full_name", detail: null },
    { category: "date_of_birth", detail: null },
    ...(t.email
      ? [{ category: "contact_info" as const, detail: null }]
      : [{ category: "mailing_address" as const, detail: null }]),
    passport,
    { category: "itinerary", detail: null },
  ];
}

async function seedOne(db: Database, incidentId: string, variety: Variety): Promise<FixtureTraveller> {
  const ref = randomBookingRef();
  const templates: readonly PersonTemplate[] = VARIETIES[variety];
  const people = templates.map((t, i) => {
    const minor = t.dob === "minor";
    return {
      givenName: t.givenName,
      lastName: t.lastName,
      dob: minor ? minorDob() : t.dob,
      email: t.email ? fixtureEmail(t.givenName, t.lastName, ref) : null,
      language: t.language,
      role: i === 0 ? ("booker" as const) : ("companion" as const),
      minor,
      exposures: exposuresFor(t, minor),
    };
  });
  const seeded = await seedBooking(
    db,
    people.map((p) => ({
      givenName: p.givenName,
      familyName: p.lastName,
      dob: p.dob,
      email: p.email,
      language: p.language,
      role: p.role,
      exposures: p.exposures,
    })),
    { ref, incidentId },
  );
  const persons: FixturePerson[] = people.map((p, i) => ({
    ...p,
    personId: seeded.passengers[i]!.personId,
    externalId: seeded.passengers[i]!.externalId,
  }));
  const [booker, ...companions] = persons;
  return {
    ...booker!,
    variety,
    ref: seeded.ref,
    bookingId: seeded.bookingId,
    companions,
    minors: companions.filter((c) => c.minor),
  };
}

/** `perVariety` bookings of every variety, in one transaction. */
export async function seedTravellerPool(
  db: Database,
  incidentId: string,
  perVariety: number,
): Promise<Record<Variety, FixtureTraveller[]>> {
  return db.transaction(async (tx) => {
    const pool = Object.fromEntries(VARIETY_NAMES.map((v) => [v, [] as FixtureTraveller[]])) as Record<
      Variety,
      FixtureTraveller[]
    >;
    for (let i = 0; i < perVariety; i++) {
      for (const variety of VARIETY_NAMES)
        pool[variety].push(await seedOne(tx as unknown as Database, incidentId, variety));
    }
    return pool;
  });
}
