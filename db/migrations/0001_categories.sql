-- The exposure category catalogue from FORMAT.md (kept in step with lib/catalogue/categories.ts).
INSERT INTO "categories" ("code", "name_en", "name_fr", "sort_order") VALUES
  ('full_name', 'Full name', 'Nom complet', 1),
  ('date_of_birth', 'Date of birth', 'Date de naissance', 2),
  ('contact_info', 'Contact details', 'Coordonnées', 3),
  ('mailing_address', 'Mailing address', 'Adresse postale', 4),
  ('travel_document', 'Travel document (passport or government ID)', 'Document de voyage (passeport ou pièce d''identité)', 5),
  ('itinerary', 'Travel itinerary', 'Itinéraire de voyage', 6),
  ('accommodation_request', 'Accommodation requests', 'Demandes d''accommodement', 7),
  ('complaint', 'Complaints', 'Plaintes', 8),
  ('rewards_account', 'Rewards member ID and points balance', 'Numéro de membre et solde de points', 9),
  ('cobrand_card_account', 'Co-branded credit card account information', 'Renseignements du compte de carte de crédit comarquée', 10)
ON CONFLICT ("code") DO UPDATE SET "name_en" = EXCLUDED."name_en", "name_fr" = EXCLUDED."name_fr", "sort_order" = EXCLUDED."sort_order";
