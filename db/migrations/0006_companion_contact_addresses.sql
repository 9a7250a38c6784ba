CREATE TABLE "companion_contact_addresses" (
	"flag_id" uuid NOT NULL,
	"given_by_person_id" bigint NOT NULL,
	"email_enc" text NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companion_contact_addresses_flag_id_given_by_person_id_pk" PRIMARY KEY("flag_id","given_by_person_id")
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "ref" text;--> statement-breakpoint
ALTER TABLE "companion_contact_addresses" ADD CONSTRAINT "companion_contact_addresses_flag_id_companion_flags_id_fk" FOREIGN KEY ("flag_id") REFERENCES "public"."companion_flags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companion_contact_addresses" ADD CONSTRAINT "companion_contact_addresses_given_by_person_id_people_id_fk" FOREIGN KEY ("given_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;