import { defineMessages } from "../locales";

// The verified traveller's area (/my): overview, navigation, shared form errors and the error screen.
// Kept free of server-only imports: client components (checklist, forms, error boundary) use it too.

export const travellerMessages = defineMessages({
  en: {
    navLabel: "Your incident support",
    navOverview: "Your information",
    navCompanions: "Travelling companions",
    navMonitoring: "Identity monitoring",
    overviewTitle: "Your information",
    greeting: "Hello, {name}",
    intro:
      "Here is what the incident involved for you, what it means and what you can do about it. Tick items off as you go: we keep your progress for your next visit.",
    involvedHeading: "Your information that was involved",
    involvedOne: "One type of your information was involved. Open it to see what it means and what you can do.",
    involvedMany:
      "{count} types of your information were involved. Open each one to see what it means and what you can do.",
    firstHeading: "What to do first",
    firstIntro: "The steps that protect you most, for the information of yours that was involved:",
    firstDone: "Done",
    firstMore: "More about: {category}",
    firstMonitoring: "Go to identity monitoring",
    foldSummary: "What it means and what you can do",
    monitoringCardActivate: "Your enrolment is not finished until you activate your code with {provider}, by {date}.",
    monitoringCardActivateNoProvider:
      "Your enrolment is not finished until your code is activated: call {phone} to find out how.",
    hintLabel: "Involved:",
    meaningHeading: "What this means",
    whyHeading: "Why it matters",
    todoHeading: "What you can do",
    progress: "{done} of {total} done",
    allDone: "All done",
    saveFailed: "We could not save that change. Please try again.",
    noExposuresTitle: "We do not have a breakdown for you yet",
    noExposuresBody:
      "Your record is among those involved in the incident, but we do not have the list of what was involved for you. This is not a sign that nothing was involved. Please call {phone} and we will tell you.",
    notInvolvedHeading: "What was not involved",
    notInvolvedIntro: "The investigation confirmed that these were not involved, for anyone:",
    nextStepsHeading: "Next steps",
    monitoringCardTitle: "Free identity monitoring",
    monitoringCardBody: "{months} months of alerts if someone tries to use your identity. Enrol by {date}.",
    monitoringCardEnrolled: "You are enrolled. Monitoring runs until {date}.",
    monitoringCardClosed: "Enrolment closed on {date}. If you need help, call {phone}.",
    monitoringCta: "Enrol in monitoring",
    monitoringView: "Get your activation code",
    companionsCardTitle: "People travelling with you",
    companionsCardBody:
      "See who else is on your booking and ask us to contact them directly. For their privacy, we never show you their information.",
    companionsCta: "See your travelling companions",
    scamWarning:
      "We will never ask for your password, your full card number or your card security code (CVV). If a message about this incident asks for them, it is a scam.",
    help: "Questions? Call {phone}.",
    loading: "Loading your information…",
    errorTitle: "We could not load this page",
    errorBody:
      "Something went wrong on our side. This is not an answer about your information: it does not mean that you were or were not affected.",
    errorNext:
      "Please try again in a few minutes. If it keeps happening, call the support number in the notice we sent you.",
    tryAgain: "Try again",
    errorSummaryTitle: "There is a problem",
    formErrors: {
      invalid: "Please check this field.",
      consentRequired: "Tick the box to confirm that you agree.",
      emailInvalid: "Enter an email address in the format name@example.com.",
      emailTooLong: "This email address is too long.",
    },
  },
  fr: {
    navLabel: "Votre soutien à la suite de l’incident",
    navOverview: "Vos renseignements",
    navCompanions: "Personnes avec vous",
    navMonitoring: "Surveillance d’identité",
    overviewTitle: "Vos renseignements",
    greeting: "Bonjour {name}",
    intro:
      "Voici ce que l’incident a touché pour vous, ce que cela signifie et ce que vous pouvez faire. Cochez les étapes au fur et à mesure : nous conservons votre progression pour votre prochaine visite.",
    involvedHeading: "Vos renseignements touchés",
    involvedOne:
      "Un type de renseignement vous concernant a été touché. Ouvrez-le pour voir ce que cela signifie et ce que vous pouvez faire.",
    involvedMany:
      "{count} types de renseignements vous concernant ont été touchés. Ouvrez chacun pour voir ce qu’il signifie et ce que vous pouvez faire.",
    firstHeading: "Que faire en premier",
    firstIntro: "Les étapes qui vous protègent le plus, selon vos renseignements touchés :",
    firstDone: "Fait",
    firstMore: "En savoir plus : {category}",
    firstMonitoring: "Aller à la surveillance d’identité",
    foldSummary: "Ce que cela signifie et ce que vous pouvez faire",
    monitoringCardActivate:
      "Votre inscription n’est pas terminée tant que vous n’avez pas activé votre code auprès de {provider}, au plus tard le {date}.",
    monitoringCardActivateNoProvider:
      "Votre inscription n’est pas terminée tant que votre code n’est pas activé : composez le {phone} pour savoir comment faire.",
    hintLabel: "Touché :",
    meaningHeading: "Ce que cela signifie",
    whyHeading: "Pourquoi c’est important",
    todoHeading: "Ce que vous pouvez faire",
    progress: "Fait : {done} sur {total}",
    allDone: "Tout est fait",
    saveFailed: "Nous n’avons pas pu enregistrer ce changement. Veuillez réessayer.",
    noExposuresTitle: "Nous n’avons pas encore le détail pour vous",
    noExposuresBody:
      "Votre dossier fait partie de ceux touchés par l’incident, mais nous n’avons pas la liste de ce qui a été touché pour vous. Cela ne signifie pas que rien n’a été touché. Veuillez composer le {phone} et nous vous le dirons.",
    notInvolvedHeading: "Ce qui n’a pas été touché",
    notInvolvedIntro: "L’enquête a confirmé que ces renseignements n’ont été touchés pour personne :",
    nextStepsHeading: "Prochaines étapes",
    monitoringCardTitle: "Surveillance d’identité gratuite",
    monitoringCardBody:
      "{months} mois d’alertes si quelqu’un tente d’utiliser votre identité. Inscrivez-vous d’ici le {date}.",
    monitoringCardEnrolled: "Inscription faite. La surveillance se poursuit jusqu’au {date}.",
    monitoringCardClosed: "Les inscriptions ont pris fin le {date}. Si vous avez besoin d’aide, composez le {phone}.",
    monitoringCta: "M’inscrire à la surveillance",
    monitoringView: "Obtenir votre code d’activation",
    companionsCardTitle: "Les personnes qui voyagent avec vous",
    companionsCardBody:
      "Voyez qui d’autre figure sur votre réservation et demandez-nous de communiquer directement avec ces personnes. Par respect pour leur vie privée, nous ne vous montrons jamais leurs renseignements.",
    companionsCta: "Voir les personnes qui voyagent avec vous",
    scamWarning:
      "Nous ne vous demanderons jamais votre mot de passe, votre numéro de carte complet ni le code de sécurité de votre carte (CVV). Si un message au sujet de cet incident vous les demande, c’est une fraude.",
    help: "Des questions ? Composez le {phone}.",
    loading: "Chargement de vos renseignements…",
    errorTitle: "Nous n’avons pas pu afficher cette page",
    errorBody:
      "Un problème est survenu de notre côté. Ce n’est pas une réponse au sujet de vos renseignements : cela n’indique pas si vos renseignements ont été touchés ou non.",
    errorNext:
      "Veuillez réessayer dans quelques minutes. Si le problème persiste, composez le numéro de soutien indiqué dans l’avis que nous vous avons envoyé.",
    tryAgain: "Réessayer",
    errorSummaryTitle: "Il y a un problème",
    formErrors: {
      invalid: "Veuillez vérifier ce champ.",
      consentRequired: "Cochez la case pour confirmer votre accord.",
      emailInvalid: "Entrez une adresse courriel au format nom@exemple.com.",
      emailTooLong: "Cette adresse courriel est trop longue.",
    },
  },
});

/** The texts every traveller form shows (enrol, flag a companion), passed down in one language. */
export const TRAVELLER_FORM_KEYS = ["formErrors", "saveFailed", "errorSummaryTitle"] as const;
export type TravellerFormText = Pick<(typeof travellerMessages)["en"], (typeof TRAVELLER_FORM_KEYS)[number]>;
