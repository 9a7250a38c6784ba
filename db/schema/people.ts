import { sql } from "drizzle-orm";
import { bigint, check, customType, date, index, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { categories, incidents } from "./incident";

// Affected people and their bookings. Columns ending in _enc hold AES-256-GCM values from
// lib/crypto/field-encryption.ts (the row's incident and person_id, or reference, are the associated data);
// columns ending in _bidx hold keyed HMAC blind indexes from lib/crypto/blind-index.ts.
// Nothing here is a plaintext copy of a date of birth, email, phone, address or rewards ID.

/**
 * Text compared byte by byte (COLLATE "C"), for identifiers and blind indexes: nobody sorts them for reading, and
 * the database's default collation makes every comparison a locale-aware strcoll call and turns off abbreviated
 * sort keys, which makes building their indexes (bulk imports) about three times slower. Equality is the same.
 */
const byteText = customType<{ data: string; driverData: string }>({ dataType: () => 'text COLLATE "C"' });

export const people = pgTable(
  "people",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    externalId: byteText("external_id").notNull(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    /** Date of birth, email, phone, mailing address and rewards ID as one value (lib/crypto/personal-details.ts). */
    personalEnc: text("personal_enc").notNull(),
    /** Non-null exactly when the person has an email address on file. */
    emailBidx: byteText("email_bidx"),
    language: text("language").notNull(),
    country: text("country").notNull(),
    region: text("region"),
    rewardsBidx: byteText("rewards_bidx"),
  },
  (t) => [
    uniqueIndex("people_incident_external_uq").on(t.incidentId, t.externalId),
    // The blind index leads (one value per incident, so uniqueness is the same): a build then sorts on
    // random, distinct keys with abbreviated keys, instead of comparing the identical incident id first.
    uniqueIndex("people_incident_rewards_uq").on(t.rewardsBidx, t.incidentId),
    index("people_email_bidx_idx").on(t.emailBidx),
    check("people_language_ck", sql`${t.language} in ('en', 'fr')`),
  ],
);

export const bookings = pgTable(
  "bookings",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    refBidx: byteText("ref_bidx").notNull(),
    refEnc: text("ref_enc").notNull(),
    flightDate: date("flight_date", { mode: "string" }).notNull(),
    route: text("route").notNull(),
  },
  // Reference index first, for the same reason as people_incident_rewards_uq.
  (t) => [uniqueIndex("bookings_incident_ref_uq").on(t.refBidx, t.incidentId)],
);

export const bookingPassengers = pgTable(
  "booking_passengers",
  {
    bookingId: bigint("booking_id", { mode: "number" })
      .notNull()
      .references(() => bookings.id),
    personId: bigint("person_id", { mode: "number" })
      .notNull()
      .references(() => people.id),
    role: text("role").notNull(),
    /** HMAC of normalised booking reference + normalised last name: how a traveller finds themselves. */
    lookupBidx: byteText("lookup_bidx").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bookingId, t.personId] }),
    index("booking_passengers_lookup_idx").on(t.lookupBidx),
    index("booking_passengers_person_idx").on(t.personId),
    check("booking_passengers_role_ck", sql`${t.role} in ('booker', 'companion')`),
  ],
);

export const exposures = pgTable(
  "exposures",
  {
    personId: bigint("person_id", { mode: "number" })
      .notNull()
      .references(() => people.id),
    category: text("category")
      .notNull()
      .references(() => categories.code),
    /**
     * The masked hint the person can recognise ("Passport ending 4821"), AES-256-GCM, padded, bound to incident,
     * person and category (lib/crypto/exposure-detail.ts); null when the bundle gave none.
     */
    detailEnc: text("detail_enc"),
  },
  (t) => [primaryKey({ columns: [t.personId, t.category] })],
);

export type Person = typeof people.$inferSelect;
export type Booking = typeof bookings.$inferSelect;
export type BookingPassenger = typeof bookingPassengers.$inferSelect;
export type Exposure = typeof exposures.$inferSelect;
