-- Exposure hints ("Passport ending 9516") move from plaintext to an AES-256-GCM value (exposures.detail_enc,
-- migration 0008, lib/crypto/exposure-detail.ts). The database cannot encrypt (the keys live in the
-- application), so a database that already holds hints stops here with a readable message instead of losing
-- them: re-import the bundle into a fresh database.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM "exposures" WHERE "detail" IS NOT NULL) THEN
    RAISE EXCEPTION 'exposure hints were imported by an earlier version of the portal: re-import the bundle into a fresh database (for the demo, delete the .data folder)';
  END IF;
END $$;--> statement-breakpoint
ALTER TABLE "exposures" DROP COLUMN "detail";
