ALTER TABLE "incidents" ADD COLUMN "provider_name" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "provider_activation_url" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "provider_phone" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "provider_activate_within_days" integer;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "steps_taken_en" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "steps_taken_fr" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "privacy_email" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "privacy_phone" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "privacy_address" text;