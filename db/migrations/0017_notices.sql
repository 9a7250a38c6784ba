CREATE TABLE "notice_codes" (
	"person_id" bigint PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"companion_flag_id" uuid,
	"due_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"letter_batch" text,
	CONSTRAINT "notices_kind_ck" CHECK ("notices"."kind" in ('initial', 'reminder_30', 'reminder_7', 'companion', 'companion_contact')),
	CONSTRAINT "notices_channel_ck" CHECK ("notices"."channel" in ('email', 'letter')),
	CONSTRAINT "notices_status_ck" CHECK ("notices"."status" in ('queued', 'sent', 'undeliverable', 'printed', 'cancelled')),
	CONSTRAINT "notices_flag_ck" CHECK (("notices"."kind" in ('companion', 'companion_contact')) = ("notices"."companion_flag_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "rewards_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" bigint NOT NULL,
	"notice_id" bigint,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notice_codes" ADD CONSTRAINT "notice_codes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_companion_flag_id_companion_flags_id_fk" FOREIGN KEY ("companion_flag_id") REFERENCES "public"."companion_flags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards_links" ADD CONSTRAINT "rewards_links_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards_links" ADD CONSTRAINT "rewards_links_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notices_person_kind_channel_uq" ON "notices" USING btree ("person_id","kind","channel") WHERE "notices"."companion_flag_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "notices_flag_kind_uq" ON "notices" USING btree ("companion_flag_id","kind") WHERE "notices"."companion_flag_id" is not null;--> statement-breakpoint
CREATE INDEX "notices_due_idx" ON "notices" USING btree ("channel","due_at") WHERE "notices"."status" = 'queued';--> statement-breakpoint
CREATE UNIQUE INDEX "rewards_links_token_uq" ON "rewards_links" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "rewards_links_notice_uq" ON "rewards_links" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "rewards_links_person_idx" ON "rewards_links" USING btree ("person_id");