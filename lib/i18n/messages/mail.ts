import { defineMessages } from "../locales";

// Every email the portal sends (plain text, rendered to simple HTML on the way out: lib/mail/html.ts). Each is
// bilingual, the reader's language first. Subjects are stored unencrypted in the queue: never a code, a name or
// anything else personal in them.

export const mailMessages = defineMessages({
  en: {
    /** The heading of this language's half of a bilingual email. */
    section: "English",
    official:
      "The only official address for this site is {host}. Type it into your browser yourself; never follow a link in a message you did not expect.",
    never: "We will never ask you for a code by phone, text or email, and never for your password or card details.",
    help: "Need help? Call {phone}.",
    greeting: "Hello {name},",
    /** "2:05 p.m.": the time zone is said in words, for people who do not think in UTC. */
    requestedAt: "{date} at {time} (Eastern time)",

    codeSubject: "{organisation}: your verification code",
    codeIntro: "Here is your verification code for the {organisation} incident support site:",
    codeWhen:
      "You asked for it on {when}. Enter it on the site to see your information. It expires in 10 minutes and works once.",
    codeIgnore:
      "If you did not ask for this code, you can ignore this email. Nobody can use it without also having access to this mailbox.",

    monitoringSubject: "{organisation}: your identity monitoring activation code",
    monitoringSubjectGuardian: "{organisation}: identity monitoring activation code for a child on your booking",
    monitoringSelf: "You asked for free identity monitoring, offered by {organisation} following the {incident}.",
    monitoringGuardian:
      "You asked for free identity monitoring for {child}, a traveller under 18 on your booking, offered by {organisation} following the {incident}.",
    notFinished: "Your enrolment is not finished until this code is activated with {provider}. Do it by {deadline}:",
    notFinishedGuardian:
      "{child}’s enrolment is not finished until this code is activated with {provider}. Do it by {deadline}:",
    activateHow: "Activate it at {url} or by calling {provider} at {phone}.",
    notFinishedNoProvider:
      "Your enrolment is not finished until this code is activated. Call us at {phone} and we will tell you how.",
    notFinishedNoProviderGuardian:
      "{child}’s enrolment is not finished until this code is activated. Call us at {phone} and we will tell you how.",
    term: "Monitoring runs until {date}.",
    seeAgain: "You can also see this code again on the site, once you have confirmed who you are.",

    consoleCodeSubject: "{organisation}: the code for your call with us",
    consoleCodeIntro:
      "You are on the phone with a {organisation} support agent, who sent you this code to confirm who you are:",
    consoleCodeWhen: "Read it out to that agent. It works once, for 10 minutes.",
    consoleCodeWarning:
      "Give this code only on a call you placed yourself to {phone}. If you are not on such a call right now, give it to no one and call us at that number.",
  },
  fr: {
    section: "Français",
    official:
      "La seule adresse officielle de ce site est {host}. Entrez-la vous-même dans votre navigateur\u202f; ne suivez jamais un lien reçu dans un message inattendu.",
    never:
      "Nous ne vous demanderons jamais de code par téléphone, texto ou courriel, ni votre mot de passe ou les renseignements de votre carte.",
    help: "Besoin d’aide\u202f? Composez le {phone}.",
    greeting: "Bonjour {name},",
    requestedAt: "{date} à {time} (heure de l’Est)",

    codeSubject: "{organisation}\u00a0: votre code de vérification",
    codeIntro:
      "Voici votre code de vérification pour le site de soutien de {organisation} à la suite de l’incident\u00a0:",
    codeWhen:
      "Vous l’avez demandé le {when}. Entrez-le sur le site pour voir vos renseignements. Il expire dans 10\u00a0minutes et ne fonctionne qu’une fois.",
    codeIgnore:
      "Si vous n’avez pas demandé ce code, vous pouvez ignorer ce courriel. Personne ne peut l’utiliser sans avoir aussi accès à cette boîte de courriel.",

    monitoringSubject: "{organisation}\u00a0: votre code d’activation de surveillance d’identité",
    monitoringSubjectGuardian:
      "{organisation}\u00a0: code d’activation de surveillance d’identité pour un enfant sur votre réservation",
    monitoringSelf:
      "Vous avez demandé la surveillance d’identité gratuite offerte par {organisation} à la suite de l’incident.",
    monitoringGuardian:
      "Vous avez demandé la surveillance d’identité gratuite pour {child}, une personne de moins de 18\u00a0ans sur votre réservation, offerte par {organisation} à la suite de l’incident.",
    notFinished:
      "Votre inscription n’est pas terminée tant que ce code n’est pas activé auprès de {provider}. Faites-le d’ici le {deadline}\u00a0:",
    notFinishedGuardian:
      "L’inscription pour {child} n’est pas terminée tant que ce code n’est pas activé auprès de {provider}. Faites-le d’ici le {deadline}\u00a0:",
    activateHow: "Activez-le à l’adresse {url} ou en appelant {provider} au {phone}.",
    notFinishedNoProvider:
      "Votre inscription n’est pas terminée tant que ce code n’est pas activé. Composez le {phone}\u00a0: nous vous expliquerons comment faire.",
    notFinishedNoProviderGuardian:
      "L’inscription pour {child} n’est pas terminée tant que ce code n’est pas activé. Composez le {phone}\u00a0: nous vous expliquerons comment faire.",
    term: "La surveillance se poursuit jusqu’au {date}.",
    seeAgain: "Vous pouvez aussi revoir ce code sur le site, une fois votre identité confirmée.",

    consoleCodeSubject: "{organisation}\u00a0: le code de votre appel avec nous",
    consoleCodeIntro:
      "Vous êtes au téléphone avec un agent du soutien de {organisation}, qui vous a envoyé ce code pour confirmer votre identité\u00a0:",
    consoleCodeWhen: "Lisez-le à cet agent. Il ne sert qu’une fois, pendant 10 minutes.",
    consoleCodeWarning:
      "Ne donnez ce code que lors d’un appel que vous avez vous-même fait au {phone}. Si vous n’êtes pas en ce moment dans un tel appel, ne le donnez à personne et appelez-nous à ce numéro.",
  },
});
