import { date, integer, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";

/** One incident, from the bundle's incident.json. */
export const incidents = pgTable("incidents", {
  id: text("id").primaryKey(),
  organisation: text("organisation").notNull(),
  titleEn: text("title_en").notNull(),
  titleFr: text("title_fr").notNull(),
  summaryEn: text("summary_en").notNull(),
  summaryFr: text("summary_fr").notNull(),
  detectedOn: date("detected_on", { mode: "string" }).notNull(),
  exposureFrom: date("exposure_from", { mode: "string" }).notNull(),
  exposureTo: date("exposure_to", { mode: "string" }).notNull(),
  notExposed: text("not_exposed").array().notNull(),
  monitoringTermMonths: integer("monitoring_term_months").notNull(),
  enrolBy: date("enrol_by", { mode: "string" }).notNull(),
  supportPhone: text("support_phone").notNull(),
  // Optional in the bundle (docs/bundle-format.md): null when it did not say; pages then leave them out.
  providerName: text("provider_name"),
  providerActivationUrl: text("provider_activation_url"),
  providerPhone: text("provider_phone"),
  providerActivateWithinDays: integer("provider_activate_within_days"),
  stepsTakenEn: text("steps_taken_en"),
  stepsTakenFr: text("steps_taken_fr"),
  privacyEmail: text("privacy_email"),
  privacyPhone: text("privacy_phone"),
  privacyAddress: text("privacy_address"),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The exposure category catalogue (docs/bundle-format.md). Rows are written by a migration and kept in step with
 * lib/catalogue/categories.ts, which also carries the per-category guidance.
 */
export const categories = pgTable("categories", {
  code: text("code").primaryKey(),
  nameEn: text("name_en").notNull(),
  nameFr: text("name_fr").notNull(),
  sortOrder: smallint("sort_order").notNull(),
});

export type Incident = typeof incidents.$inferSelect;
export type Category = typeof categories.$inferSelect;
