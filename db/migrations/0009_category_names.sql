-- #10: accommodation_request is now "Special assistance requests" (FORMAT.md), and French names use the
-- typographic apostrophe. Kept in step with lib/catalogue/categories.ts (tests/migrations.test.ts checks).
UPDATE "categories" SET "name_en" = 'Special assistance requests', "name_fr" = 'Demandes d’assistance spéciale' WHERE "code" = 'accommodation_request';
--> statement-breakpoint
UPDATE "categories" SET "name_fr" = 'Document de voyage (passeport ou pièce d’identité)' WHERE "code" = 'travel_document';
