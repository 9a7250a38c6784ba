import { formatDate } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";

// The bundle's masked hints ("Passport ending 7731") are written in English by the forensic team. In French we
// translate the shapes the bundle generator produces; anything else is shown as given, marked lang="en" so a
// screen reader pronounces it correctly.

const FR_FIXED: Record<string, string> = {
  "Email address and phone number": "Adresse courriel et numéro de téléphone",
  "Email address": "Adresse courriel",
  "Phone number": "Numéro de téléphone",
  "Extra seat request": "Demande de siège supplémentaire",
  "Medical oxygen request": "Demande d'oxygène médical",
  "Service animal": "Animal d'assistance",
  "Special meal request": "Demande de repas spécial",
  "Travelling with infant": "Voyage avec un nourrisson",
  "Unaccompanied minor service": "Service pour mineurs non accompagnés",
  "Wheelchair assistance": "Assistance en fauteuil roulant",
  "Co-branded credit card account details (no card number, expiry or CVV)":
    "Renseignements du compte de carte comarquée (sans numéro de carte, date d'expiration ni CVV)",
  "Complaint about baggage": "Plainte au sujet des bagages",
  "Complaint about customer service": "Plainte au sujet du service à la clientèle",
  "Complaint about delay": "Plainte au sujet d'un retard",
  "Complaint about refund": "Plainte au sujet d'un remboursement",
  "Complaint about seating": "Plainte au sujet de l'attribution des sièges",
};

const FR_DOCUMENTS: Record<string, string> = {
  Passport: "Passeport",
  "Driver's licence": "Permis de conduire",
  "NEXUS card": "Carte NEXUS",
  "Permanent resident card": "Carte de résident permanent",
};

export type Hint = { text: string; lang: Locale };

export function localiseHint(detail: string, locale: Locale): Hint {
  const trip = /^([A-Z]{3}-[A-Z]{3}) on (\d{4}-\d{2}-\d{2})$/.exec(detail);
  if (trip) {
    const date = formatDate(trip[2]!, locale);
    return { text: locale === "fr" ? `${trip[1]} le ${date}` : `${trip[1]} on ${date}`, lang: locale };
  }
  if (locale === "en") return { text: detail, lang: "en" };
  const fixed = FR_FIXED[detail];
  if (fixed) return { text: fixed, lang: "fr" };
  const doc = /^(.+) ending (\d{2,6})$/.exec(detail);
  if (doc && FR_DOCUMENTS[doc[1]!]) return { text: `${FR_DOCUMENTS[doc[1]!]} se terminant par ${doc[2]}`, lang: "fr" };
  const member = /^Member ID ending (\d{2,6}) and points balance$/.exec(detail);
  if (member) return { text: `Numéro de membre se terminant par ${member[1]} et solde de points`, lang: "fr" };
  const address = /^Address on file in ([A-Z]{2})$/.exec(detail);
  if (address) return { text: `Adresse au dossier (${address[1]})`, lang: "fr" };
  return { text: detail, lang: "en" };
}
