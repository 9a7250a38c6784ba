import { defineMessages } from "../locales";

// Traveller verification (step one: details, step two: code) and the dev outbox (the code email: mail.ts).
// Field error messages are keys of `errors`, shared by the client (react-hook-form) and the server (re-parse).

export const verifyMessages = defineMessages({
  en: {
    // Step one
    detailsTitle: "Check your information",
    detailsIntro:
      "Enter the details from your booking. If they match a traveller in our records, we will send a code to the contact details we have on file to confirm it is you.",
    whyCode:
      "Why a code? Booking references, names and dates of birth were part of the stolen information, so they are not enough on their own to prove who you are.",
    bookingRef: "Booking reference",
    bookingRefHint: "6 letters and numbers, for example 5BAPB6. It is on your confirmation email and boarding pass.",
    lastName: "Last name",
    lastNameHint: "As it appears on the booking.",
    dateOfBirth: "Date of birth",
    dateOfBirthHint: "For example, 14 3 1984",
    day: "Day",
    month: "Month",
    year: "Year",
    continue: "Continue",
    sending: "Checking…",
    expired: "Your session has ended, to protect your information. Enter your details again to continue.",
    signedOut: "You are signed out.",
    limitedTitle: "Too many attempts",
    limited: "There have been too many attempts. Please wait {wait} and try again, or call {phone}.",
    limitedNoPhone: "There have been too many attempts. Please wait {wait} and try again.",
    errorSummary: "There is a problem",
    offline: "We could not reach our service. Check your connection and try again. Nothing you entered was lost.",
    privacyNote:
      "We only use these details to find your record, and keep them only until your code is used or expires.",

    // Step two
    codeTitle: "Enter your verification code",
    codeSent: "If these details match, we have sent a code to the contact details on file. It expires in 10 minutes.",
    codeHelp:
      "If we have no contact details for you on file (most children have none) or no code arrives, call {phone}.",
    codeHelpNoPhone:
      "If we have no contact details for you on file (most children have none) or no code arrives, call our support line.",
    codeWhere: "The code comes from {from}. Check your spam or junk folder too.",
    youEntered: "You entered",
    change: "Change",
    changeHidden: "the details you entered",
    resendHint: "Typed something wrong? Change it. Nothing came? We can send a new code for the same details.",
    resendSent:
      "If these details match, we have sent a new code to the contact details on file. Use the newest code: earlier ones no longer work.",
    verificationCode: "Verification code",
    verificationCodeHint: "The 10-digit code we sent you.",
    verify: "Verify",
    verifying: "Verifying…",
    wrongCode: "That code didn't work. Check it and try again, or ask for a new one.",
    tooManyTries: "That code didn't work, and there have been too many tries. Start again to get a new code.",
    noChallenge: "Your verification has expired or was not started on this device. Start again to get a code.",
    sendNewCode: "Send a new code",
    startAgain: "Start again",
    noIncident: "The information for this incident is being prepared. Please check back soon.",

    errors: {
      bookingRefRequired: "Enter your booking reference",
      bookingRefInvalid: "Enter a booking reference of 6 letters and numbers, like 5BAPB6",
      lastNameRequired: "Enter your last name",
      lastNameTooLong: "Last name must be 100 characters or fewer",
      dateOfBirthRequired: "Enter your date of birth",
      dateOfBirthMissingDay: "Date of birth must include a day",
      dateOfBirthMissingMonth: "Date of birth must include a month",
      dateOfBirthMissingYear: "Date of birth must include a year",
      dateOfBirthMissingDayMonth: "Date of birth must include a day and month",
      dateOfBirthMissingDayYear: "Date of birth must include a day and year",
      dateOfBirthMissingMonthYear: "Date of birth must include a month and year",
      dateOfBirthReal: "Date of birth must be a real date",
      dateOfBirthYearDigits: "Year must include 4 numbers",
      dateOfBirthFuture: "Date of birth must be in the past",
      codeRequired: "Enter the verification code",
      codeInvalid: "Enter the 10 digits of the verification code",
      wrongCode: "That code didn't work. Check it and try again, or ask for a new one.",
      tooManyTries: "That code didn't work, and there have been too many tries. Start again to get a new code.",
    } as Record<string, string>,

    // Dev outbox
    outboxTitle: "Development outbox",
    outboxIntro: "Messages the portal would have emailed. This page does not exist in production.",
    outboxEmpty: "No messages yet.",
    outboxTo: "To",
    outboxStatus: "Status",
    outboxQueued: "Queued",
    outboxSent: "Delivered to outbox",
    outboxFailed: "Failed",
    outboxAt: "Created",
  },
  fr: {
    detailsTitle: "Vérifier vos renseignements",
    detailsIntro:
      "Entrez les renseignements de votre réservation. S’ils correspondent à une personne dans nos dossiers, nous enverrons un code aux coordonnées que nous avons au dossier pour confirmer votre identité.",
    whyCode:
      "Pourquoi un code\u00a0? Les numéros de réservation, les noms et les dates de naissance font partie des renseignements volés\u00a0: ils ne suffisent donc pas à prouver votre identité.",
    bookingRef: "Numéro de réservation",
    bookingRefHint:
      "6 lettres et chiffres, par exemple 5BAPB6. Il figure sur votre courriel de confirmation et votre carte d’embarquement.",
    lastName: "Nom de famille",
    lastNameHint: "Tel qu’il figure sur la réservation.",
    dateOfBirth: "Date de naissance",
    dateOfBirthHint: "Par exemple, 14 3 1984",
    day: "Jour",
    month: "Mois",
    year: "Année",
    continue: "Continuer",
    sending: "Vérification…",
    expired:
      "Votre session a pris fin pour protéger vos renseignements. Entrez de nouveau vos renseignements pour continuer.",
    signedOut: "Votre session est terminée.",
    limitedTitle: "Trop de tentatives",
    limited: "Il y a eu trop de tentatives. Veuillez attendre {wait} avant de réessayer, ou composez le {phone}.",
    limitedNoPhone: "Il y a eu trop de tentatives. Veuillez attendre {wait} avant de réessayer.",
    errorSummary: "Il y a un problème",
    offline:
      "Nous n’avons pas pu joindre notre service. Vérifiez votre connexion et réessayez. Rien de ce que vous avez entré n’a été perdu.",
    privacyNote:
      "Nous utilisons ces renseignements uniquement pour trouver votre dossier et ne les conservons que jusqu’à l’utilisation ou l’expiration de votre code.",

    codeTitle: "Entrez votre code de vérification",
    codeSent:
      "Si ces renseignements correspondent, nous avons envoyé un code aux coordonnées au dossier. Il expire dans 10 minutes.",
    codeHelp:
      "Si nous n’avons pas de coordonnées pour vous au dossier (c’est le cas de la plupart des enfants) ou si aucun code n’arrive, composez le {phone}.",
    codeHelpNoPhone:
      "Si nous n’avons pas de coordonnées pour vous au dossier (c’est le cas de la plupart des enfants) ou si aucun code n’arrive, appelez notre ligne de soutien.",
    codeWhere: "Le code provient de {from}. Vérifiez aussi votre dossier de courrier indésirable.",
    youEntered: "Vous avez entré",
    change: "Modifier",
    changeHidden: "les renseignements entrés",
    resendHint:
      "Une erreur de frappe\u00a0? Modifiez vos renseignements. Rien reçu\u00a0? Nous pouvons envoyer un nouveau code pour les mêmes renseignements.",
    resendSent:
      "Si ces renseignements correspondent, nous avons envoyé un nouveau code aux coordonnées au dossier. Utilisez le plus récent\u00a0: les codes précédents ne fonctionnent plus.",
    verificationCode: "Code de vérification",
    verificationCodeHint: "Le code à 10 chiffres que nous vous avons envoyé.",
    verify: "Vérifier",
    verifying: "Vérification…",
    wrongCode: "Ce code n’a pas fonctionné. Vérifiez-le et réessayez, ou demandez-en un nouveau.",
    tooManyTries: "Ce code n’a pas fonctionné et il y a eu trop d’essais. Recommencez pour recevoir un nouveau code.",
    noChallenge:
      "Votre vérification a expiré ou n’a pas été commencée sur cet appareil. Recommencez pour recevoir un code.",
    sendNewCode: "Envoyer un nouveau code",
    startAgain: "Recommencer",
    noIncident: "Les renseignements sur cet incident sont en préparation. Veuillez revenir bientôt.",

    errors: {
      bookingRefRequired: "Entrez votre numéro de réservation",
      bookingRefInvalid: "Entrez un numéro de réservation de 6 lettres et chiffres, comme 5BAPB6",
      lastNameRequired: "Entrez votre nom de famille",
      lastNameTooLong: "Le nom de famille doit compter au plus 100 caractères",
      dateOfBirthRequired: "Entrez votre date de naissance",
      dateOfBirthMissingDay: "La date de naissance doit comprendre un jour",
      dateOfBirthMissingMonth: "La date de naissance doit comprendre un mois",
      dateOfBirthMissingYear: "La date de naissance doit comprendre une année",
      dateOfBirthMissingDayMonth: "La date de naissance doit comprendre un jour et un mois",
      dateOfBirthMissingDayYear: "La date de naissance doit comprendre un jour et une année",
      dateOfBirthMissingMonthYear: "La date de naissance doit comprendre un mois et une année",
      dateOfBirthReal: "La date de naissance doit être une date qui existe",
      dateOfBirthYearDigits: "L’année doit comporter 4 chiffres",
      dateOfBirthFuture: "La date de naissance doit être dans le passé",
      codeRequired: "Entrez le code de vérification",
      codeInvalid: "Entrez les 10 chiffres du code de vérification",
      wrongCode: "Ce code n’a pas fonctionné. Vérifiez-le et réessayez, ou demandez-en un nouveau.",
      tooManyTries: "Ce code n’a pas fonctionné et il y a eu trop d’essais. Recommencez pour recevoir un nouveau code.",
    },

    outboxTitle: "Boîte d’envoi de développement",
    outboxIntro: "Messages que le portail aurait envoyés par courriel. Cette page n’existe pas en production.",
    outboxEmpty: "Aucun message pour l’instant.",
    outboxTo: "À",
    outboxStatus: "État",
    outboxQueued: "En attente",
    outboxSent: "Remis à la boîte d’envoi",
    outboxFailed: "Échec",
    outboxAt: "Créé",
  },
});

export type VerifyMessages = (typeof verifyMessages)["en"];

const CLIENT_KEYS = [
  "bookingRef",
  "bookingRefHint",
  "lastName",
  "lastNameHint",
  "dateOfBirth",
  "dateOfBirthHint",
  "day",
  "month",
  "year",
  "continue",
  "sending",
  "limitedTitle",
  "errorSummary",
  "offline",
  "verificationCode",
  "verificationCodeHint",
  "verify",
  "verifying",
  "startAgain",
  "errors",
] as const satisfies readonly (keyof VerifyMessages)[];

/** What the verification forms need in the browser (the page does not ship the email and outbox texts). */
export type VerifyClientMessages = Pick<VerifyMessages, (typeof CLIENT_KEYS)[number]>;

export const verifyClientMessages = (t: VerifyMessages): VerifyClientMessages =>
  Object.fromEntries(CLIENT_KEYS.map((k) => [k, t[k]])) as VerifyClientMessages;
