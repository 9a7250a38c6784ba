-- Exposure hints ("Passport ending 9516") move from plaintext to an AES-256-GCM value (exposures.detail_enc,
-- migration 0007, lib/crypto/exposure-detail.ts). The database cannot encrypt (the keys live in the
-- application), so a database that already holds hints stops here with a readable message instead of losing
-- them: re-import the bundle into a fresh database.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM "exposures" WHERE "detail" IS NOT NULL) THEN
    RAISE EXCEPTION 'exposure hints were imported by an earlier version of the portal: re-import the bundle into a fresh database (for the demo, delete the .data folder)';
  END IF;
END $$;--> statement-breakpoint
CREATE TABLE "companion_contact_addresses" (
	"flag_id" uuid NOT NULL,
	"given_by_person_id" bigint NOT NULL,
	"email_enc" text NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companion_contact_addresses_flag_id_given_by_person_id_pk" PRIMARY KEY("flag_id","given_by_person_id")
);
--> statement-breakpoint
CREATE TABLE "traveller_session_epochs" (
	"person_id" bigint PRIMARY KEY NOT NULL,
	"epoch" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "verification_challenges" DROP CONSTRAINT "verification_challenges_status_ck";--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "ref" text;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "companion_contact_addresses" ADD CONSTRAINT "companion_contact_addresses_flag_id_companion_flags_id_fk" FOREIGN KEY ("flag_id") REFERENCES "public"."companion_flags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companion_contact_addresses" ADD CONSTRAINT "companion_contact_addresses_given_by_person_id_people_id_fk" FOREIGN KEY ("given_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "traveller_session_epochs" ADD CONSTRAINT "traveller_session_epochs_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "verification_challenges_person_sent_idx" ON "verification_challenges" USING btree ("person_id") WHERE "verification_challenges"."status" = 'sent';--> statement-breakpoint
ALTER TABLE "exposures" DROP COLUMN "detail";--> statement-breakpoint
ALTER TABLE "verification_challenges" ADD CONSTRAINT "verification_challenges_status_ck" CHECK ("verification_challenges"."status" in ('pending', 'sent', 'unmatched', 'no_email', 'capped', 'superseded', 'verified', 'failed'));