-- Personal fields move from a column each into one AES-256-GCM value (lib/crypto/personal-details.ts). The
-- database cannot re-encrypt (the keys live in the application), so a database that already holds people stops
-- here with a readable message instead of losing them: re-import the bundle into a fresh database.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM "people") THEN
    RAISE EXCEPTION 'people were imported by an earlier version of the portal: re-import the bundle into a fresh database (for the demo, delete the .data folder)';
  END IF;
END $$;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "personal_enc" text NOT NULL;--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "dob_enc";--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "email_enc";--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "phone_enc";--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "address_enc";--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "rewards_enc";