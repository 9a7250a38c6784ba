// Name pools and fixed travellers for lib/bundle/generator.ts. All invented.

export const GIVEN_NAMES = [
  "Olivia", "Liam", "Emma", "Noah", "Charlotte", "William", "Amelia", "Benjamin", "Sophie", "Lucas", "Chloé", "Gabriel",
  "Léa", "Félix", "Zoé", "Éloïse", "Jérôme", "François", "Mathéo", "Anaïs", "Aarav", "Priya", "Harpreet", "Gurpreet",
  "Wei", "Mei", "Hiroshi", "Yuki", "Minh", "Thảo", "Mohammed", "Fatima", "Omar", "Aisha", "Mateo", "Sofía", "José",
  "Ana-María", "Siobhan", "Seán", "Nkechi", "Chidi", "Kwame", "Ama", "Ivan", "Olga", "Zoë", "Björn", "Ingrid",
  "Jean-Luc", "Marie-Ève", "Renée", "D'Arcy", "Ngozi", "Raj", "Lakshmi", "Ji-woo", "Seo-yeon", "Tenzin", "Kateri",
  "Émilie", "Hélène", "Maëlle", "Noémie", "Ayşe", "Łukasz", "Søren", "Dvořák",
] as const;

export const FAMILY_NAMES = [
  "Smith", "Brown", "Tremblay", "Martin", "Roy", "Wilson", "MacDonald", "Gagnon", "Johnson", "Taylor", "Côté",
  "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque",
  "O'Brien", "O'Connor", "McCarthy", "Nguyễn", "Tran", "Li", "Wang", "Chen", "Singh", "Kaur", "Patel", "Sharma",
  "Khan", "Ahmed", "Hussain", "García", "Rodríguez", "López", "Müller", "Schmidt", "Kowalski", "Novak", "Ivanov",
  "Okafor", "Mensah", "Kim", "Park", "Sato", "Tanaka", "Smith-Jones", "de la Fontaine", "Van der Berg", "St-Pierre",
  "Saint-Onge", "Da Silva", "D'Amours", "Abdi", "Yellowhorse", "Ahenakew", "Ødegaard", "Łukaszewicz",
] as const;

export const STREETS = [
  "Main St", "Rue Principale", "Centre St", "Boul. René-Lévesque", "17 Ave SW", "Granville St", "Yonge St",
  "Jasper Ave", "Portage Ave", "Water St", "Rue Sainte-Catherine", "Chemin du Lac",
] as const;

export type FixturePerson = {
  key?: string;
  given: string;
  family: string;
  dob: string;
  email: string;
  phone: string;
  language: string;
  country: string;
  region: string;
  address: string;
  rewards: string;
  minor?: boolean;
};

/**
 * The fixed travellers at the start of every generated bundle (unless edge cases are turned off). Tests and the
 * demo rely on them: e.g. booking 5BAPB6 + "cote" finds Émilie Côté, who is also on booking 7KD4MX.
 */
export const FIXTURE_PEOPLE: Array<FixturePerson & { key: string }> = [
  { key: "emilie", given: "Émilie", family: "Côté", dob: "1984-03-14", email: "emilie.cote@example.ca", phone: "+1-514-555-0142", language: "fr", country: "CA", region: "QC", address: "Apt 12, 3480 Rue Sainte-Catherine", rewards: "WS000000001" },
  { key: "jerome", given: "Jérôme", family: "Côté", dob: "1982-11-02", email: "jerome.cote@example.ca", phone: "", language: "fr", country: "CA", region: "QC", address: "Apt 12, 3480 Rue Sainte-Catherine", rewards: "" },
  { key: "zoe", given: "Zoé", family: "Côté", dob: "2015-07-21", email: "", phone: "", language: "fr", country: "CA", region: "QC", address: "", rewards: "", minor: true },
  { key: "siobhan", given: "Siobhan", family: "O'Brien", dob: "1990-01-30", email: "siobhan.obrien@example.com", phone: "+1-416-555-0117", language: "en", country: "CA", region: "ON", address: "88 Yonge St", rewards: "WS000000002" },
  { key: "helene", given: "Hélène", family: "de la Fontaine", dob: "1971-05-09", email: "helene.delafontaine@example.org", phone: "+1-418-555-0163", language: "fr", country: "CA", region: "QC", address: "15 Chemin du Lac", rewards: "" },
  { key: "minh", given: "Minh", family: "Nguyễn", dob: "1979-09-18", email: "minh.nguyen@example.net", phone: "+1-604-555-0188", language: "en", country: "CA", region: "BC", address: "2207 Granville St", rewards: "WS000000003" },
  { key: "thao", given: "Thảo", family: "Nguyễn", dob: "2012-02-11", email: "", phone: "", language: "en", country: "CA", region: "BC", address: "", rewards: "", minor: true },
  { key: "marc", given: "Marc-André", family: "St-Pierre", dob: "1966-12-01", email: "marc-andre.st-pierre@example.ca", phone: "", language: "fr", country: "CA", region: "NB", address: "40 Main St", rewards: "WS000000004" },
  { key: "darcy", given: "D'Arcy", family: "Yellowhorse", dob: "1995-08-27", email: "", phone: "+1-403-555-0109", language: "en", country: "CA", region: "AB", address: "", rewards: "WS000000005" },
];

/** Fixed bookings; the first person listed is the booker. Marc-André and D'Arcy are on none (rewards only). */
export const FIXTURE_BOOKINGS: ReadonlyArray<{ ref: string; date: string; route: string; people: readonly string[] }> = [
  { ref: "5BAPB6", date: "2025-05-30", route: "YUL-CDG", people: ["emilie", "jerome", "zoe", "siobhan"] },
  { ref: "7KD4MX", date: "2024-12-20", route: "YVR-YUL", people: ["helene", "minh", "thao", "emilie"] },
];
