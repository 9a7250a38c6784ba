CREATE TABLE "agent_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"set_password" boolean DEFAULT false NOT NULL,
	"set_factor" boolean DEFAULT false NOT NULL,
	"totp_secret" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "agent_reset_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	CONSTRAINT "agent_reset_requests_kind_ck" CHECK ("agent_reset_requests"."kind" in ('password', 'factor')),
	CONSTRAINT "agent_reset_requests_not_self_ck" CHECK ("agent_reset_requests"."requested_by" <> "agent_reset_requests"."target_id"),
	CONSTRAINT "agent_reset_requests_two_people_ck" CHECK ("agent_reset_requests"."approved_by" is null or ("agent_reset_requests"."approved_by" <> "agent_reset_requests"."requested_by" and "agent_reset_requests"."approved_by" <> "agent_reset_requests"."target_id"))
);
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "totp_secret" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "totp_last_step" integer;--> statement-breakpoint
ALTER TABLE "agent_enrolments" ADD CONSTRAINT "agent_enrolments_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_reset_requests" ADD CONSTRAINT "agent_reset_requests_target_id_agents_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_reset_requests" ADD CONSTRAINT "agent_reset_requests_requested_by_agents_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_reset_requests" ADD CONSTRAINT "agent_reset_requests_approved_by_agents_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_enrolments_token_uq" ON "agent_enrolments" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "agent_enrolments_agent_ix" ON "agent_enrolments" USING btree ("agent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_reset_requests_open_uq" ON "agent_reset_requests" USING btree ("target_id","kind") WHERE "agent_reset_requests"."approved_at" is null;