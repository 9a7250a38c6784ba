CREATE TABLE "traveller_session_epochs" (
	"person_id" bigint PRIMARY KEY NOT NULL,
	"epoch" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "traveller_session_epochs" ADD CONSTRAINT "traveller_session_epochs_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;