import { relations } from "drizzle-orm";
import { categories, incidents } from "./incident";
import { bookingPassengers, bookings, exposures, people } from "./people";

export const incidentsRelations = relations(incidents, ({ many }) => ({
  people: many(people),
  bookings: many(bookings),
}));

export const peopleRelations = relations(people, ({ one, many }) => ({
  incident: one(incidents, { fields: [people.incidentId], references: [incidents.id] }),
  passengers: many(bookingPassengers),
  exposures: many(exposures),
}));

export const bookingsRelations = relations(bookings, ({ one, many }) => ({
  incident: one(incidents, { fields: [bookings.incidentId], references: [incidents.id] }),
  passengers: many(bookingPassengers),
}));

export const bookingPassengersRelations = relations(bookingPassengers, ({ one }) => ({
  booking: one(bookings, { fields: [bookingPassengers.bookingId], references: [bookings.id] }),
  person: one(people, { fields: [bookingPassengers.personId], references: [people.id] }),
}));

export const exposuresRelations = relations(exposures, ({ one }) => ({
  person: one(people, { fields: [exposures.personId], references: [people.id] }),
  category: one(categories, { fields: [exposures.category], references: [categories.code] }),
}));
