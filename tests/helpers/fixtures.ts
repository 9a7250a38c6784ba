import { randomBytes } from "node:crypto";
import type { Database } from "@/db/client";
import { bookingPassengers, bookings, exposures, incidents, people } from "@/db/schema";
import type { CategoryCode } from "@/lib/catalogue/categories";
import { bookingRefIndex, emailIndex, passengerLookupIndex, rewardsIndex } from "@/lib/crypto/blind-index";
import { sealExposureDetail } from "@/lib/crypto/exposure-detail";
import { aadFor, encryptField } from "@/lib/crypto/field-encryption";
import { sealPersonal } from "@/lib/crypto/personal-details";
import { normaliseBookingRef } from "@/lib/normalise";

// Test fixtures that create their own data through the real schema and the real encryption, so a test
// never depends on demo data or on another test's rows.

export const INCIDENT_ID = "test-incident";

export async function seedIncident(db: Database, overrides: Partial<typeof incidents.$inferInsert> = {}) {
  await db
    .insert(incidents)
    .values({
      id: INCIDENT_ID,
      organisation: "Test Air",
      titleEn: "Test incident",
      titleFr: "Incident de test",
      summaryEn: "Someone got in.",
      summaryFr: "Quelqu'un est entré.",
      detectedOn: "2025-06-13",
      exposureFrom: "2025-06-11",
      exposureTo: "2025-06-13",
      notExposed: ["payment_card_number", "card_expiry", "card_cvv", "account_password"],
      monitoringTermMonths: 24,
      enrolBy: "2099-09-30",
      supportPhone: "+1-888-555-0100",
      ...overrides,
    })
    .onConflictDoNothing();
  return INCIDENT_ID;
}

export type FixturePerson = {
  externalId?: string;
  givenName: string;
  familyName: string;
  dob: string;
  email?: string | null;
  language?: "en" | "fr";
  /** Where the person lives (default Alberta, Canada): a notice's regulators and headings follow it. */
  country?: string;
  region?: string | null;
  rewardsId?: string | null;
  role?: "booker" | "companion";
  exposures?: { category: CategoryCode; detail?: string | null }[];
};

/** A random valid booking reference (A–Z without I/O, 2–9). */
export function randomBookingRef(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return Array.from(randomBytes(6), (b) => alphabet[b % alphabet.length]).join("");
}

/** One booking with its passengers (the first is the booker unless roles say otherwise). */
export async function seedBooking(
  db: Database,
  passengers: FixturePerson[],
  opts: { ref?: string; incidentId?: string } = {},
) {
  const incidentId = opts.incidentId ?? (await seedIncident(db));
  const ref = normaliseBookingRef(opts.ref ?? randomBookingRef());
  const [booking] = await db
    .insert(bookings)
    .values({
      incidentId,
      refBidx: bookingRefIndex(ref),
      refEnc: encryptField(ref, aadFor("bookings", "ref", `${incidentId}:${ref}`)),
      flightDate: "2025-05-01",
      route: "YYC-YVR",
    })
    .returning({ id: bookings.id });
  const created: { personId: number; externalId: string; person: FixturePerson }[] = [];
  for (const [i, p] of passengers.entries()) {
    const externalId = p.externalId ?? `T${randomBytes(5).toString("hex")}`;
    const [row] = await db
      .insert(people)
      .values({
        incidentId,
        externalId,
        givenName: p.givenName,
        familyName: p.familyName,
        personalEnc: sealPersonal(incidentId, externalId, {
          dateOfBirth: p.dob,
          email: p.email ?? null,
          phone: null,
          address: null,
          rewardsId: p.rewardsId ?? null,
        }),
        emailBidx: p.email ? emailIndex(p.email) : null,
        language: p.language ?? "en",
        country: p.country ?? "CA",
        region: p.country ? (p.region ?? null) : "AB",
        rewardsBidx: p.rewardsId ? rewardsIndex(p.rewardsId) : null,
      })
      .returning({ id: people.id });
    await db.insert(bookingPassengers).values({
      bookingId: booking!.id,
      personId: row!.id,
      role: p.role ?? (i === 0 ? "booker" : "companion"),
      lookupBidx: passengerLookupIndex(ref, p.familyName),
    });
    const exp = p.exposures ?? [
      { category: "full_name" },
      { category: "travel_document", detail: "Passport ending 7731" },
    ];
    if (exp.length)
      await db.insert(exposures).values(
        exp.map((e) => ({
          personId: row!.id,
          category: e.category,
          detailEnc: e.detail ? sealExposureDetail(e.detail, incidentId, externalId, e.category) : null,
        })),
      );
    created.push({ personId: row!.id, externalId, person: p });
  }
  return { incidentId, bookingId: booking!.id, ref, passengers: created };
}

/** A person on no booking (a rewards member reached only through a notice or an agent). */
export async function seedPersonOnly(db: Database, p: FixturePerson, opts: { incidentId?: string } = {}) {
  const incidentId = opts.incidentId ?? (await seedIncident(db));
  const externalId = p.externalId ?? `R${randomBytes(5).toString("hex")}`;
  const [row] = await db
    .insert(people)
    .values({
      incidentId,
      externalId,
      givenName: p.givenName,
      familyName: p.familyName,
      personalEnc: sealPersonal(incidentId, externalId, {
        dateOfBirth: p.dob,
        email: p.email ?? null,
        phone: null,
        address: null,
        rewardsId: p.rewardsId ?? null,
      }),
      emailBidx: p.email ? emailIndex(p.email) : null,
      language: p.language ?? "en",
      country: "CA",
      region: "AB",
      rewardsBidx: p.rewardsId ? rewardsIndex(p.rewardsId) : null,
    })
    .returning({ id: people.id });
  const exp = p.exposures ?? [{ category: "rewards_account" }];
  if (exp.length)
    await db.insert(exposures).values(
      exp.map((e) => ({
        personId: row!.id,
        category: e.category,
        detailEnc: e.detail ? sealExposureDetail(e.detail, incidentId, externalId, e.category) : null,
      })),
    );
  return { incidentId, personId: row!.id, externalId };
}
