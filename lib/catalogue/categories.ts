// The exposure category catalogue (docs/bundle-format.md). The names here and the rows the
// 0001_categories migration writes must agree; tests/catalogue.test.ts checks that they do.

export const CATEGORY_CODES = [
  "full_name",
  "date_of_birth",
  "contact_info",
  "mailing_address",
  "travel_document",
  "itinerary",
  "accommodation_request",
  "complaint",
  "rewards_account",
  "cobrand_card_account",
] as const;

export type CategoryCode = (typeof CATEGORY_CODES)[number];

export const CATEGORY_NAMES: Record<CategoryCode, { en: string; fr: string }> = {
  full_name: { en: "Full name", fr: "Nom complet" },
  date_of_birth: { en: "Date of birth", fr: "Date de naissance" },
  contact_info: { en: "Contact details", fr: "Coordonnées" },
  mailing_address: { en: "Mailing address", fr: "Adresse postale" },
  travel_document: {
    en: "Travel document (passport or government ID)",
    fr: "Document de voyage (passeport ou pièce d’identité)",
  },
  itinerary: { en: "Travel itinerary", fr: "Itinéraire de voyage" },
  accommodation_request: { en: "Special assistance requests", fr: "Demandes d’assistance spéciale" },
  complaint: { en: "Complaints", fr: "Plaintes" },
  rewards_account: { en: "Rewards member ID and points balance", fr: "Numéro de membre et solde de points" },
  cobrand_card_account: {
    en: "Co-branded credit card account information",
    fr: "Renseignements du compte de carte de crédit comarquée",
  },
};

/** Codes incident.json's not_exposed may use, with the names shown to reassure people. */
export const NOT_EXPOSED_CODES = ["payment_card_number", "card_expiry", "card_cvv", "account_password"] as const;
export type NotExposedCode = (typeof NOT_EXPOSED_CODES)[number];

export const NOT_EXPOSED_NAMES: Record<NotExposedCode, { en: string; fr: string }> = {
  payment_card_number: { en: "Payment card numbers", fr: "Numéros de carte de paiement" },
  card_expiry: { en: "Card expiry dates", fr: "Dates d’expiration des cartes" },
  card_cvv: { en: "Card security codes (CVV)", fr: "Codes de sécurité des cartes (CVV)" },
  account_password: { en: "Account passwords", fr: "Mots de passe des comptes" },
};

export const isCategoryCode = (v: string): v is CategoryCode => (CATEGORY_CODES as readonly string[]).includes(v);
export const isNotExposedCode = (v: string): v is NotExposedCode =>
  (NOT_EXPOSED_CODES as readonly string[]).includes(v);
