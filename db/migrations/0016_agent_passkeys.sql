CREATE TABLE "agent_passkey_challenges" (
	"challenge" text PRIMARY KEY NOT NULL,
	"ceremony" text NOT NULL,
	"agent_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agent_passkey_challenges_ceremony_ck" CHECK ("agent_passkey_challenges"."ceremony" in ('register', 'sign_in', 'confirm'))
);
--> statement-breakpoint
CREATE TABLE "agent_passkeys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"credential_id" text NOT NULL,
	"public_key" text NOT NULL,
	"counter" bigint DEFAULT 0 NOT NULL,
	"transports" text DEFAULT '' NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agent_passkey_challenges" ADD CONSTRAINT "agent_passkey_challenges_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_passkeys" ADD CONSTRAINT "agent_passkeys_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_passkey_challenges_expires_ix" ON "agent_passkey_challenges" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_passkeys_credential_uq" ON "agent_passkeys" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "agent_passkeys_agent_ix" ON "agent_passkeys" USING btree ("agent_id");