-- Identifiers and blind indexes compare byte by byte (see byteText in db/schema/people.ts): equality is unchanged,
-- and their indexes build about three times faster without locale-aware comparisons. Existing indexes are rebuilt.
ALTER TABLE "booking_passengers" ALTER COLUMN "lookup_bidx" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "bookings" ALTER COLUMN "ref_bidx" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "people" ALTER COLUMN "external_id" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "people" ALTER COLUMN "email_bidx" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "people" ALTER COLUMN "rewards_bidx" SET DATA TYPE text COLLATE "C";