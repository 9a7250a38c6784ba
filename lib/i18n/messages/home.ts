import { defineMessages } from "../locales";

export const homeMessages = defineMessages({
  en: {
    eyebrow: "Information for travellers",
    intro:
      "If you received a notice from us, or you travelled with us and want to know whether your information was involved, you can check here. We will show you what was involved and what to do about it.",
    start: "Check your information",
    detected: "Detected on {date}",
    whatYouNeed: "What you need",
    needRef: "Your booking reference (6 characters, on your confirmation email or boarding pass)",
    needName: "The last name on the booking",
    needDob: "Your date of birth",
    needInbox: "Access to the email address you gave us: we send you a code to confirm it is you",
    notTaken: "What was not involved",
    help: "Need help? Call {phone}.",
    noIncident: "The information for this incident is being prepared. Please check back soon.",
    scam: "We will never call, text or email you to ask for your password, full card number or card security code. If someone does, it is not us.",
  },
  fr: {
    eyebrow: "Renseignements pour les voyageurs",
    intro:
      "Si vous avez reçu un avis de notre part, ou si vous avez voyagé avec nous et voulez savoir si vos renseignements sont touchés, vous pouvez le vérifier ici. Nous vous indiquerons ce qui a été touché et quoi faire.",
    start: "Vérifier vos renseignements",
    detected: "Détecté le {date}",
    whatYouNeed: "Ce qu'il vous faut",
    needRef:
      "Votre numéro de réservation (6 caractères, sur votre courriel de confirmation ou votre carte d'embarquement)",
    needName: "Le nom de famille inscrit sur la réservation",
    needDob: "Votre date de naissance",
    needInbox:
      "L'accès à l'adresse courriel que vous nous avez donnée : nous y envoyons un code pour confirmer votre identité",
    notTaken: "Ce qui n'a pas été touché",
    help: "Besoin d'aide? Composez le {phone}.",
    noIncident: "Les renseignements sur cet incident sont en préparation. Veuillez revenir bientôt.",
    scam: "Nous ne vous appellerons, ne vous texterons et ne vous écrirons jamais pour vous demander votre mot de passe, votre numéro de carte complet ou le code de sécurité de votre carte. Si quelqu'un le fait, ce n'est pas nous.",
  },
});
