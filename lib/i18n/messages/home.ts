import { defineMessages } from "../locales";

// The home page: whose site this is, what happened and when, what the company has done, how to check, and how to
// complain (the privacy office, then the regulators a Canadian notice must name).

export const homeMessages = defineMessages({
  en: {
    eyebrow: "Information for travellers",
    heading: "{title} at {organisation}",
    intro:
      "If you received a notice from us, or you travelled with us and want to know whether your information was involved, you can check here. We will show you what was involved and what to do about it.",
    start: "Check your information",
    happenedHeading: "What happened",
    exposure: "When it happened: from {from} to {to}. We found it on {detected}.",
    official:
      "The only official address for this site is {host}. Type it into your browser yourself; never follow a link in a message you did not expect.",
    stepsHeading: "What we have done",
    whatYouNeed: "What you need",
    needRef: "Your booking reference (6 characters, on your confirmation email or boarding pass)",
    needName: "The last name on the booking",
    needDob: "Your date of birth",
    needInbox: "Access to the email address you gave us: we send you a code to confirm it is you",
    notTaken: "What was not involved",
    complainHeading: "Questions or complaints about your privacy",
    privacyIntro: "Contact our privacy office first:",
    privacyEmail: "Email: {email}",
    privacyPhone: "Phone: {phone}",
    privacyAddress: "Mail: {address}",
    regulators:
      "You also have the right to complain to the Office of the Privacy Commissioner of Canada ({opc}) or, if you live in Québec, to the {caiName} ({cai}).",
    caiName: "Commission d’accès à l’information du Québec",
    opcUrl: "https://www.priv.gc.ca/en/",
    caiUrl: "https://www.cai.gouv.qc.ca/",
    help: "Need help? Call {phone}.",
    noIncident: "The information for this incident is being prepared. Please check back soon.",
    scam: "We will never call, text or email you to ask for your password, full card number or card security code. If someone does, it is not us.",
  },
  fr: {
    eyebrow: "Renseignements à l’intention de la clientèle",
    heading: "{title} chez {organisation}",
    intro:
      "Si vous avez reçu un avis de notre part, ou si vous avez voyagé avec nous et voulez savoir si vos renseignements sont touchés, vous pouvez le vérifier ici. Nous vous indiquerons ce qui a été touché et quoi faire.",
    start: "Vérifier vos renseignements",
    happenedHeading: "Ce qui s’est passé",
    exposure: "Quand c’est arrivé\u00a0: du {from} au {to}. Nous l’avons découvert le {detected}.",
    official:
      "La seule adresse officielle de ce site est {host}. Entrez-la vous-même dans votre navigateur\u202f; ne suivez jamais un lien reçu dans un message inattendu.",
    stepsHeading: "Ce que nous avons fait",
    whatYouNeed: "Ce qu’il vous faut",
    needRef:
      "Votre numéro de réservation (6\u00a0caractères, sur votre courriel de confirmation ou votre carte d’embarquement)",
    needName: "Le nom de famille qui figure sur la réservation",
    needDob: "Votre date de naissance",
    needInbox:
      "L’accès à l’adresse courriel que vous nous avez donnée\u00a0: nous y envoyons un code pour confirmer votre identité",
    notTaken: "Ce qui n’a pas été touché",
    complainHeading: "Questions ou plaintes sur la protection de vos renseignements",
    privacyIntro: "Communiquez d’abord avec notre bureau de la protection des renseignements personnels\u00a0:",
    privacyEmail: "Courriel\u00a0: {email}",
    privacyPhone: "Téléphone\u00a0: {phone}",
    privacyAddress: "Par la poste\u00a0: {address}",
    regulators:
      "Vous avez aussi le droit de porter plainte auprès du Commissariat à la protection de la vie privée du Canada ({opc}) ou, si vous habitez au Québec, de la {caiName} ({cai}).",
    caiName: "Commission d’accès à l’information du Québec",
    opcUrl: "https://www.priv.gc.ca/fr/",
    caiUrl: "https://www.cai.gouv.qc.ca/",
    help: "Besoin d’aide\u202f? Composez le {phone}.",
    noIncident: "Les renseignements sur cet incident sont en préparation. Veuillez revenir bientôt.",
    scam: "Nous ne vous appellerons, ne vous texterons et ne vous écrirons jamais pour vous demander votre mot de passe, votre numéro de carte complet ou le code de sécurité de votre carte. Si quelqu’un le fait, ce n’est pas nous.",
  },
});
