import { defineMessages } from "../locales";

// /my/companions: the other passengers on the traveller's booking, by initials only.

export const companionMessages = defineMessages({
  en: {
    title: "Your travelling companions",
    intro:
      "These are the other people on your booking. To protect their privacy, we show initials only and never what was involved for them. If you think someone has not heard from us, ask us to contact them directly.",
    listLabel: "People on your booking",
    traveller: "Traveller {n}",
    affected: "Affected by the incident",
    notListed: "No details of theirs in the affected records",
    flagged: "We will contact them",
    minor: "Under 18",
    minorEnrolled: "Enrolled in monitoring",
    minorNote: "As the person who made the booking, you can enrol them in identity monitoring.",
    minorLink: "Enrol them in monitoring",
    flagIntro: "Ask us to send them the notice directly.",
    flaggedIntro: "You asked us to contact them. We will send them the notice ourselves.",
    emailLabel: "Email address for {initials} (optional)",
    emailHint:
      "We have no email address on file for them. If you give us one, we use it only to send them this notice.",
    emailHintUpdate: "You asked us to contact them. You can give us an email address for them at any time.",
    emailSaved: "Address you gave us: {address}",
    emailHintSaved:
      "We use it only to send them this notice. If it is wrong, enter the right one: it replaces the one you gave.",
    flagSubmit: "Ask us to contact {initials}",
    flagAgain: "Send the email address for {initials}",
    flagPending: "Sending…",
    flagDone: "Thank you. We will contact {initials} directly.",
    flagUpdated: "Thank you. Your request for {initials} is updated.",
    empty: "You are the only traveller on this booking, so there is no one else to contact.",
    back: "Back to your information",
  },
  fr: {
    title: "Les personnes qui voyagent avec vous",
    intro:
      "Voici les autres personnes qui figurent sur votre réservation. Pour protéger leur vie privée, nous n’affichons que leurs initiales et jamais ce qui a été touché pour elles. Si vous pensez qu’une personne n’a pas eu de nos nouvelles, demandez-nous de communiquer directement avec elle.",
    listLabel: "Personnes sur votre réservation",
    traveller: "Personne {n}",
    affected: "Dossier touché par l’incident",
    notListed: "Aucun renseignement à son sujet dans les dossiers touchés",
    flagged: "Nous joindrons cette personne",
    minor: "Moins de 18 ans",
    minorEnrolled: "Inscription à la surveillance faite",
    minorNote: "Comme vous avez fait la réservation, vous pouvez inscrire cette personne à la surveillance d’identité.",
    minorLink: "L’inscrire à la surveillance",
    flagIntro: "Demandez-nous de lui envoyer l’avis directement.",
    flaggedIntro: "Vous nous avez demandé de communiquer avec cette personne. Nous lui enverrons l’avis nous-mêmes.",
    emailLabel: "Adresse courriel de {initials} (facultatif)",
    emailHint:
      "Nous n’avons pas d’adresse courriel pour cette personne. Si vous nous en donnez une, nous l’utiliserons seulement pour lui envoyer cet avis.",
    emailHintUpdate:
      "Vous nous avez demandé de joindre cette personne. Vous pouvez nous donner son adresse courriel en tout temps.",
    emailSaved: "Adresse que vous nous avez donnée : {address}",
    emailHintSaved:
      "Nous l’utilisons seulement pour lui envoyer cet avis. Si elle est erronée, entrez la bonne : elle remplacera celle que vous avez donnée.",
    flagSubmit: "Demandez-nous de joindre {initials}",
    flagAgain: "Envoyer l’adresse courriel de {initials}",
    flagPending: "Envoi…",
    flagDone: "Merci. Nous joindrons {initials} directement.",
    flagUpdated: "Merci. Votre demande pour {initials} est mise à jour.",
    empty: "Vous êtes la seule personne sur cette réservation : il n’y a personne d’autre à joindre.",
    back: "Retour à vos renseignements",
  },
});

/** One language's companion texts, as the page passes them to its client components. */
export type CompanionMessages = (typeof companionMessages)["en"];
