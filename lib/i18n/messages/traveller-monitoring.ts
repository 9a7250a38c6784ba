import { defineMessages } from "../locales";

// /my/monitoring, and the confirmation email it sends.

export const monitoringMessages = defineMessages({
  en: {
    title: "Free identity monitoring",
    intro:
      "Because of this incident, we offer you {months} months of identity monitoring at no cost. It alerts you if someone tries to open credit or accounts in your name.",
    enrolByLine: "Enrol by {date}.",
    howHeading: "How it works",
    step1: "Confirm below that you agree. We create your personal activation code.",
    step2: "Keep the code: you need it to activate your monitoring. We also email it to you.",
    step3: "Monitoring lasts {months} months from the day you enrol.",
    consentLabel:
      "I agree to be enrolled in identity monitoring for {months} months, and to the use of my name, date of birth and contact details to provide it.",
    enrolButton: "Enrol me",
    enrolling: "Enrolling…",
    enrolledHeading: "You are enrolled",
    codeLabel: "Activation code",
    enrolledOn: "Enrolled on",
    termEnds: "Monitoring until",
    enrolByLabel: "Enrol-by date",
    emailed: "We also send this code to your email address.",
    notEmailed: "We have no email address on file for you, so please keep this code somewhere safe.",
    successEnrolled: "You are enrolled. Your activation code is below.",
    successAlready: "You were already enrolled. Here is the same activation code.",
    closedTitle: "Enrolment has closed",
    closedBody: "The last day to enrol was {date}. If you need help, call {phone}.",
    utcNote: "Enrolment closes at the end of the enrol-by date, Coordinated Universal Time (UTC).",
    guardianHeading: "Children on your booking",
    guardianIntro:
      "As the person who made the booking, you can enrol travellers under 18 on it. Their activation code is shown here and emailed to you.",
    guardianConsentLabel:
      "As their parent or guardian, I agree to enrol {initials} in identity monitoring for {months} months.",
    guardianEnrol: "Enrol {initials}",
    guardianEnrolled: "{initials} is enrolled",
    guardianSuccess: "{initials} is enrolled. Their activation code is below.",
    mail: {
      subject: "Your identity monitoring activation code",
      subjectGuardian: "Identity monitoring activation code for {initials}",
      greeting: "Hello {name},",
      bodySelf: "You are enrolled in free identity monitoring, offered following the {incident}.",
      bodyGuardian:
        "You enrolled {initials}, a traveller under 18 on your booking, in free identity monitoring, offered following the {incident}.",
      code: "Activation code: {code}",
      term: "Monitoring runs until {date}.",
      keep: "Keep this code: you need it to activate the monitoring. You can also see it again at {url}.",
      never: "We will never ask for your password, your full card number or your card security code.",
      help: "Questions? Call {phone}.",
    },
  },
  fr: {
    title: "Surveillance d'identité gratuite",
    intro:
      "En raison de cet incident, nous vous offrons {months} mois de surveillance d'identité sans frais. Elle vous avertit si quelqu'un tente d'ouvrir un compte ou d'obtenir du crédit à votre nom.",
    enrolByLine: "Inscrivez-vous d'ici le {date}.",
    howHeading: "Comment ça fonctionne",
    step1: "Confirmez ci-dessous que vous êtes d'accord. Nous créons votre code d'activation personnel.",
    step2: "Conservez ce code : il vous servira à activer votre surveillance. Nous vous l'envoyons aussi par courriel.",
    step3: "La surveillance dure {months} mois à partir du jour de votre inscription.",
    consentLabel:
      "J'accepte mon inscription à la surveillance d'identité pendant {months} mois, et que mon nom, ma date de naissance et mes coordonnées servent à la fournir.",
    enrolButton: "M'inscrire",
    enrolling: "Inscription…",
    enrolledHeading: "Votre inscription est confirmée",
    codeLabel: "Code d'activation",
    enrolledOn: "Date d'inscription",
    termEnds: "Surveillance jusqu'au",
    enrolByLabel: "Date limite d'inscription",
    emailed: "Nous envoyons aussi ce code à votre adresse courriel.",
    notEmailed: "Nous n'avons pas d'adresse courriel à votre dossier : veuillez conserver ce code en lieu sûr.",
    successEnrolled: "Votre inscription est confirmée. Votre code d'activation figure ci-dessous.",
    successAlready: "Votre inscription existait déjà. Voici le même code d'activation.",
    closedTitle: "Les inscriptions sont terminées",
    closedBody: "La dernière journée pour s'inscrire était le {date}. Si vous avez besoin d'aide, composez le {phone}.",
    utcNote: "Les inscriptions prennent fin à la fin de la date limite, en temps universel coordonné (UTC).",
    guardianHeading: "Enfants sur votre réservation",
    guardianIntro:
      "Comme vous avez fait la réservation, vous pouvez inscrire les voyageurs de moins de 18 ans qui y figurent. Leur code d'activation s'affiche ici et vous est envoyé par courriel.",
    guardianConsentLabel:
      "À titre de parent ou de tuteur, j'accepte d'inscrire {initials} à la surveillance d'identité pendant {months} mois.",
    guardianEnrol: "Inscrire {initials}",
    guardianEnrolled: "Inscription de {initials} confirmée",
    guardianSuccess: "Inscription de {initials} confirmée. Son code d'activation figure ci-dessous.",
    mail: {
      subject: "Votre code d'activation de surveillance d'identité",
      subjectGuardian: "Code d'activation de surveillance d'identité pour {initials}",
      greeting: "Bonjour {name},",
      bodySelf:
        "Votre inscription à la surveillance d'identité gratuite est confirmée. Cette offre fait suite à l'incident suivant : {incident}.",
      bodyGuardian:
        "Vous avez inscrit {initials}, qui a moins de 18 ans et figure sur votre réservation, à la surveillance d'identité gratuite. Cette offre fait suite à l'incident suivant : {incident}.",
      code: "Code d'activation : {code}",
      term: "La surveillance se poursuit jusqu'au {date}.",
      keep: "Conservez ce code : il vous servira à activer la surveillance. Vous pouvez aussi le revoir à l'adresse {url}.",
      never:
        "Nous ne vous demanderons jamais votre mot de passe, votre numéro de carte complet ni le code de sécurité de votre carte.",
      help: "Des questions? Composez le {phone}.",
    },
  },
});
