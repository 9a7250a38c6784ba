CREATE TABLE "categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name_en" text NOT NULL,
	"name_fr" text NOT NULL,
	"sort_order" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation" text NOT NULL,
	"title_en" text NOT NULL,
	"title_fr" text NOT NULL,
	"summary_en" text NOT NULL,
	"summary_fr" text NOT NULL,
	"detected_on" date NOT NULL,
	"exposure_from" date NOT NULL,
	"exposure_to" date NOT NULL,
	"not_exposed" text[] NOT NULL,
	"monitoring_term_months" integer NOT NULL,
	"enrol_by" date NOT NULL,
	"support_phone" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booking_passengers" (
	"booking_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"role" text NOT NULL,
	"lookup_bidx" text NOT NULL,
	CONSTRAINT "booking_passengers_booking_id_person_id_pk" PRIMARY KEY("booking_id","person_id"),
	CONSTRAINT "booking_passengers_role_ck" CHECK ("booking_passengers"."role" in ('booker', 'companion'))
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bookings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"incident_id" text NOT NULL,
	"ref_bidx" text NOT NULL,
	"ref_enc" text NOT NULL,
	"flight_date" date NOT NULL,
	"route" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exposures" (
	"person_id" bigint NOT NULL,
	"category" text NOT NULL,
	"detail" text,
	CONSTRAINT "exposures_person_id_category_pk" PRIMARY KEY("person_id","category")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "people_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"incident_id" text NOT NULL,
	"external_id" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"dob_enc" text NOT NULL,
	"email_enc" text,
	"email_bidx" text,
	"phone_enc" text,
	"address_enc" text,
	"language" text NOT NULL,
	"country" text NOT NULL,
	"region" text,
	"rewards_enc" text,
	"rewards_bidx" text,
	CONSTRAINT "people_language_ck" CHECK ("people"."language" in ('en', 'fr'))
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"person_id" bigint,
	"booking_id" bigint
);
--> statement-breakpoint
CREATE TABLE "checklist_progress" (
	"person_id" bigint NOT NULL,
	"item_key" text NOT NULL,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklist_progress_person_id_item_key_pk" PRIMARY KEY("person_id","item_key")
);
--> statement-breakpoint
CREATE TABLE "companion_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" bigint NOT NULL,
	"companion_person_id" bigint NOT NULL,
	"flagged_by_person_id" bigint NOT NULL,
	"contact_email_enc" text,
	"status" text DEFAULT 'new' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companion_flags_status_ck" CHECK ("companion_flags"."status" in ('new', 'notified'))
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"to_enc" text NOT NULL,
	"subject" text NOT NULL,
	"body_enc" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	CONSTRAINT "mail_outbox_status_ck" CHECK ("mail_outbox"."status" in ('queued', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "monitoring_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" bigint NOT NULL,
	"enrolled_by_person_id" bigint NOT NULL,
	"activation_code_enc" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"term_ends_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"bucket" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limits_bucket_window_start_pk" PRIMARY KEY("bucket","window_start")
);
--> statement-breakpoint
CREATE TABLE "verification_challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"request_enc" text,
	"person_id" bigint,
	"booking_id" bigint,
	"code_hash" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"language" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	CONSTRAINT "verification_challenges_status_ck" CHECK ("verification_challenges"."status" in ('pending', 'sent', 'unmatched', 'no_email', 'verified', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "booking_passengers" ADD CONSTRAINT "booking_passengers_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_passengers" ADD CONSTRAINT "booking_passengers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposures" ADD CONSTRAINT "exposures_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposures" ADD CONSTRAINT "exposures_category_categories_code_fk" FOREIGN KEY ("category") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_progress" ADD CONSTRAINT "checklist_progress_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companion_flags" ADD CONSTRAINT "companion_flags_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companion_flags" ADD CONSTRAINT "companion_flags_companion_person_id_people_id_fk" FOREIGN KEY ("companion_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companion_flags" ADD CONSTRAINT "companion_flags_flagged_by_person_id_people_id_fk" FOREIGN KEY ("flagged_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_enrolments" ADD CONSTRAINT "monitoring_enrolments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_enrolments" ADD CONSTRAINT "monitoring_enrolments_enrolled_by_person_id_people_id_fk" FOREIGN KEY ("enrolled_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_challenges" ADD CONSTRAINT "verification_challenges_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_challenges" ADD CONSTRAINT "verification_challenges_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_passengers_lookup_idx" ON "booking_passengers" USING btree ("lookup_bidx");--> statement-breakpoint
CREATE INDEX "booking_passengers_person_idx" ON "booking_passengers" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_incident_ref_uq" ON "bookings" USING btree ("incident_id","ref_bidx");--> statement-breakpoint
CREATE UNIQUE INDEX "people_incident_external_uq" ON "people" USING btree ("incident_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_incident_rewards_uq" ON "people" USING btree ("incident_id","rewards_bidx");--> statement-breakpoint
CREATE INDEX "people_email_bidx_idx" ON "people" USING btree ("email_bidx");--> statement-breakpoint
CREATE INDEX "audit_events_person_idx" ON "audit_events" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "companion_flags_booking_companion_uq" ON "companion_flags" USING btree ("booking_id","companion_person_id");--> statement-breakpoint
CREATE INDEX "mail_outbox_queued_idx" ON "mail_outbox" USING btree ("created_at") WHERE "mail_outbox"."status" = 'queued';--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_enrolments_person_uq" ON "monitoring_enrolments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "rate_limits_window_idx" ON "rate_limits" USING btree ("window_start");--> statement-breakpoint
CREATE INDEX "verification_challenges_pending_idx" ON "verification_challenges" USING btree ("created_at") WHERE "verification_challenges"."status" = 'pending';