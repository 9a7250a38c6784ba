CREATE TABLE "console_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"person_id" bigint NOT NULL,
	"booking_id" bigint NOT NULL,
	"code_hash" text,
	"code_expires_at" timestamp with time zone NOT NULL,
	"code_attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "console_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"person_id" bigint NOT NULL,
	"note_enc" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "monitoring_enrolments" ADD COLUMN "channel" text DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE "monitoring_enrolments" ADD COLUMN "enrolled_by_agent_id" uuid;--> statement-breakpoint
ALTER TABLE "console_cases" ADD CONSTRAINT "console_cases_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "console_cases" ADD CONSTRAINT "console_cases_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "console_cases" ADD CONSTRAINT "console_cases_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "console_notes" ADD CONSTRAINT "console_notes_case_id_console_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."console_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "console_notes" ADD CONSTRAINT "console_notes_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "console_notes" ADD CONSTRAINT "console_notes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "console_cases_agent_open_idx" ON "console_cases" USING btree ("agent_id") WHERE "console_cases"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "console_notes_person_idx" ON "console_notes" USING btree ("person_id");--> statement-breakpoint
ALTER TABLE "monitoring_enrolments" ADD CONSTRAINT "monitoring_enrolments_enrolled_by_agent_id_agents_id_fk" FOREIGN KEY ("enrolled_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_enrolments" ADD CONSTRAINT "monitoring_enrolments_channel_ck" CHECK ("monitoring_enrolments"."channel" in ('web', 'phone'));