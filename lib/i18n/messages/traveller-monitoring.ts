import { defineMessages } from "../locales";

// /my/monitoring (its confirmation email: lib/i18n/messages/mail.ts).

export const monitoringMessages = defineMessages({
  en: {
    title: "Free identity monitoring",
    intro:
      "Because of this incident, we offer you {months} months of identity monitoring at no cost. It alerts you if someone tries to open credit or accounts in your name.",
    enrolByLine: "Enrol by {date}.",
    howHeading: "How it works",
    stepAgreeTitle: "Agree to enrol",
    stepAgree: "Tick the box below, then select “Enrol me”.",
    stepCodeTitle: "Get your activation code",
    stepCode: "It appears on this page as soon as you enrol, and we email it to you if we have your address.",
    stepActivateTitle: "Activate the code with {provider}",
    stepActivate:
      "Within {days} days of enrolling, at {url} or by calling {phone}. Your enrolment is not finished until the code is activated.",
    stepActivateNoProviderTitle: "Activate the code",
    stepActivateNoProvider:
      "Your enrolment is not finished until the code is activated. Call us at {phone} and we will tell you how.",
    stepTerm: "Monitoring lasts {months} months from the day you enrol.",
    consentLabel:
      "I agree to be enrolled in identity monitoring for {months} months, and to the use of my name, date of birth and contact details to provide it.",
    enrolButton: "Enrol me",
    enrolling: "Enrolling…",
    enrolledHeading: "Get your activation code",
    codeLabel: "Activation code",
    enrolledOn: "Enrolled on",
    termEnds: "Monitoring until",
    activateByLabel: "Activate by",
    activateHeading: "Your enrolment is not finished yet",
    activateBody:
      "Your enrolment is not finished until you activate this code with {provider}, the company that provides the monitoring. Do it by {date}.",
    activateHow: "Go to {url} and enter the code, or call {provider} at {phone}.",
    activateNoProvider:
      "Your enrolment is not finished until this code is activated. Call us at {phone} and we will tell you how.",
    emailed: "We also send this code to your email address.",
    notEmailed: "We have no email address on file for you, so please keep this code somewhere safe.",
    successEnrolled: "You are enrolled. Your activation code is below.",
    successAlready: "You were already enrolled. Here is the same activation code.",
    closedTitle: "Enrolment has closed",
    closedBody: "The last day to enrol was {date}. If you need help, call {phone}.",
    guardianHeading: "Children on your booking",
    guardianIntro:
      "As the person who made the booking, you can enrol travellers under 18 on it. Their activation code is shown here and emailed to you.",
    guardianConsentLabel:
      "As their parent or guardian, I agree to enrol {initials} in identity monitoring for {months} months.",
    guardianEnrol: "Enrol {initials}",
    guardianEnrolled: "{initials} is enrolled",
    guardianSuccess: "{initials} is enrolled. Their activation code is below.",
  },
  fr: {
    title: "Surveillance d’identité gratuite",
    intro:
      "En raison de cet incident, nous vous offrons {months} mois de surveillance d’identité sans frais. Elle vous avertit si quelqu’un tente d’ouvrir un compte ou d’obtenir du crédit à votre nom.",
    enrolByLine: "Date limite d’inscription : {date}.",
    howHeading: "Comment ça fonctionne",
    stepAgreeTitle: "Donner votre accord",
    stepAgree: "Cochez la case ci-dessous, puis sélectionnez « M’inscrire ».",
    stepCodeTitle: "Obtenir votre code d’activation",
    stepCode:
      "Il s’affiche sur cette page dès votre inscription, et nous vous l’envoyons par courriel si nous avons votre adresse.",
    stepActivateTitle: "Activer le code auprès de {provider}",
    stepActivate:
      "Dans les {days} jours suivant votre inscription, à l’adresse {url} ou au {phone}. Votre inscription n’est pas terminée tant que le code n’est pas activé.",
    stepActivateNoProviderTitle: "Activer le code",
    stepActivateNoProvider:
      "Votre inscription n’est pas terminée tant que le code n’est pas activé. Composez le {phone} et nous vous expliquerons comment faire.",
    stepTerm: "La surveillance dure {months} mois à partir du jour de votre inscription.",
    consentLabel:
      "J’accepte mon inscription à la surveillance d’identité pendant {months} mois, et que mon nom, ma date de naissance et mes coordonnées servent à la fournir.",
    enrolButton: "M’inscrire",
    enrolling: "Inscription…",
    enrolledHeading: "Obtenir votre code d’activation",
    codeLabel: "Code d’activation",
    enrolledOn: "Date d’inscription",
    termEnds: "Surveillance jusqu’au",
    activateByLabel: "Activer au plus tard le",
    activateHeading: "Votre inscription n’est pas encore terminée",
    activateBody:
      "Votre inscription n’est pas terminée tant que vous n’avez pas activé ce code auprès de {provider}, l’entreprise qui fournit la surveillance. Faites-le au plus tard le {date}.",
    activateHow: "Allez à l’adresse {url} et entrez le code, ou composez le {phone} pour joindre {provider}.",
    activateNoProvider:
      "Votre inscription n’est pas terminée tant que ce code n’est pas activé. Composez le {phone} et nous vous expliquerons comment faire.",
    emailed: "Nous envoyons aussi ce code à votre adresse courriel.",
    notEmailed: "Nous n’avons pas d’adresse courriel à votre dossier : veuillez conserver ce code en lieu sûr.",
    successEnrolled: "Inscription faite. Votre code d’activation figure ci-dessous.",
    successAlready: "Votre inscription existait déjà. Voici le même code d’activation.",
    closedTitle: "Les inscriptions sont terminées",
    closedBody: "La dernière journée pour s’inscrire était le {date}. Pour obtenir de l’aide, composez le {phone}.",
    guardianHeading: "Enfants sur votre réservation",
    guardianIntro:
      "Comme vous avez fait la réservation, vous pouvez inscrire les personnes de moins de 18 ans qui y figurent. Leur code d’activation s’affiche ici et vous est envoyé par courriel.",
    guardianConsentLabel:
      "À titre de parent ou de tuteur ou tutrice, j’accepte d’inscrire {initials} à la surveillance d’identité pendant {months} mois.",
    guardianEnrol: "Inscrire {initials}",
    guardianEnrolled: "Inscription faite pour {initials}",
    guardianSuccess: "Inscription faite pour {initials} : le code d’activation figure ci-dessous.",
  },
});

/** One language's monitoring texts, as the page passes them to its client components. */
export type MonitoringMessages = (typeof monitoringMessages)["en"];
