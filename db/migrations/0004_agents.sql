CREATE TABLE "agents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	"session_epoch" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agents_email_lower_ck" CHECK ("agents"."email" = lower("agents"."email"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "agents_email_uq" ON "agents" USING btree ("email");--> statement-breakpoint
CREATE INDEX "companion_flags_status_idx" ON "companion_flags" USING btree ("status","created_at");