import { defineMessages } from "../locales";

// Traveller verification (step one: details, step two: code), the code email and the dev outbox.
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
    dateOfBirthHint: "Year, month, day. For example 1984-03-17.",
    continue: "Continue",
    sending: "Checking…",
    expired: "Your session has ended, to protect your information. Enter your details again to continue.",
    signedOut: "You are signed out.",
    limitedTitle: "Too many attempts",
    limited: "There have been too many attempts. Please wait {wait} and try again, or call {phone}.",
    limitedNoPhone: "There have been too many attempts. Please wait {wait} and try again.",
    errorSummary: "There is a problem",
    offline: "We could not reach our service. Check your connection and try again. Nothing you entered was lost.",
    privacyNote: "We only use these details to find your record. They are not stored after the check.",

    // Step two
    codeTitle: "Enter your verification code",
    codeSent:
      "If these details match a traveller, we have sent a code to the contact details on file. It expires in 10 minutes.",
    codeHelp: "If you have no email on file — most children don't — or you get no code, call {phone}.",
    codeHelpNoPhone: "If you have no email on file — most children don't — or you get no code, call our support line.",
    codeWhere: "The email comes from {from}. Check your spam or junk folder too.",
    verificationCode: "Verification code",
    verificationCodeHint: "The 10-digit code from the email.",
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
      dateOfBirthInvalid: "Enter your date of birth as year, month and day, like 1984-03-17",
      dateOfBirthFuture: "Date of birth must be in the past",
      codeRequired: "Enter the verification code",
      codeInvalid: "Enter the 10 digits of the verification code",
      wrongCode: "That code didn't work. Check it and try again, or ask for a new one.",
      tooManyTries: "That code didn't work, and there have been too many tries. Start again to get a new code.",
    } as Record<string, string>,

    // The code email (plain text)
    mailSubject: "Your verification code",
    mailGreeting: "Hello {name},",
    mailBody:
      "Your verification code is {code}. Enter it on the incident support site to see your information. It expires in 10 minutes and works once.",
    mailIgnore:
      "If you did not ask for this code, you can ignore this email. Nobody can use it without also having access to this mailbox.",
    mailNever:
      "We will never ask you for this code by phone, text or email, and never for your password or card details.",
    mailHelp: "Need help? Call {phone}.",

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
      "Saisissez les renseignements de votre réservation. S'ils correspondent à un voyageur dans nos dossiers, nous enverrons un code aux coordonnées que nous avons au dossier pour confirmer votre identité.",
    whyCode:
      "Pourquoi un code? Les numéros de réservation, les noms et les dates de naissance font partie des renseignements volés : ils ne suffisent donc pas à prouver votre identité.",
    bookingRef: "Numéro de réservation",
    bookingRefHint:
      "6 lettres et chiffres, par exemple 5BAPB6. Il figure sur votre courriel de confirmation et votre carte d'embarquement.",
    lastName: "Nom de famille",
    lastNameHint: "Tel qu'il figure sur la réservation.",
    dateOfBirth: "Date de naissance",
    dateOfBirthHint: "Année, mois, jour. Par exemple 1984-03-17.",
    continue: "Continuer",
    sending: "Vérification…",
    expired:
      "Votre session a pris fin pour protéger vos renseignements. Saisissez de nouveau vos renseignements pour continuer.",
    signedOut: "Vous êtes déconnecté.",
    limitedTitle: "Trop de tentatives",
    limited: "Il y a eu trop de tentatives. Veuillez attendre {wait} avant de réessayer, ou composez le {phone}.",
    limitedNoPhone: "Il y a eu trop de tentatives. Veuillez attendre {wait} avant de réessayer.",
    errorSummary: "Il y a un problème",
    offline:
      "Nous n'avons pas pu joindre notre service. Vérifiez votre connexion et réessayez. Rien de ce que vous avez saisi n'a été perdu.",
    privacyNote:
      "Nous utilisons ces renseignements uniquement pour trouver votre dossier. Ils ne sont pas conservés après la vérification.",

    codeTitle: "Saisissez votre code de vérification",
    codeSent:
      "Si ces renseignements correspondent à un voyageur, nous avons envoyé un code aux coordonnées au dossier. Il expire dans 10 minutes.",
    codeHelp:
      "Si nous n'avons pas votre adresse courriel — c'est le cas de la plupart des enfants — ou si vous ne recevez pas de code, composez le {phone}.",
    codeHelpNoPhone:
      "Si nous n'avons pas votre adresse courriel — c'est le cas de la plupart des enfants — ou si vous ne recevez pas de code, appelez notre ligne de soutien.",
    codeWhere: "Le courriel provient de {from}. Vérifiez aussi votre dossier de courrier indésirable.",
    verificationCode: "Code de vérification",
    verificationCodeHint: "Le code à 10 chiffres reçu par courriel.",
    verify: "Vérifier",
    verifying: "Vérification…",
    wrongCode: "Ce code n'a pas fonctionné. Vérifiez-le et réessayez, ou demandez-en un nouveau.",
    tooManyTries: "Ce code n'a pas fonctionné et il y a eu trop d'essais. Recommencez pour recevoir un nouveau code.",
    noChallenge:
      "Votre vérification a expiré ou n'a pas été commencée sur cet appareil. Recommencez pour recevoir un code.",
    sendNewCode: "Envoyer un nouveau code",
    startAgain: "Recommencer",
    noIncident: "Les renseignements sur cet incident sont en préparation. Veuillez revenir bientôt.",

    errors: {
      bookingRefRequired: "Saisissez votre numéro de réservation",
      bookingRefInvalid: "Saisissez un numéro de réservation de 6 lettres et chiffres, comme 5BAPB6",
      lastNameRequired: "Saisissez votre nom de famille",
      lastNameTooLong: "Le nom de famille doit compter au plus 100 caractères",
      dateOfBirthRequired: "Saisissez votre date de naissance",
      dateOfBirthInvalid: "Saisissez votre date de naissance sous la forme année, mois, jour, comme 1984-03-17",
      dateOfBirthFuture: "La date de naissance doit être dans le passé",
      codeRequired: "Saisissez le code de vérification",
      codeInvalid: "Saisissez les 10 chiffres du code de vérification",
      wrongCode: "Ce code n'a pas fonctionné. Vérifiez-le et réessayez, ou demandez-en un nouveau.",
      tooManyTries: "Ce code n'a pas fonctionné et il y a eu trop d'essais. Recommencez pour recevoir un nouveau code.",
    },

    mailSubject: "Votre code de vérification",
    mailGreeting: "Bonjour {name},",
    mailBody:
      "Votre code de vérification est {code}. Saisissez-le sur le site de soutien à la suite de l'incident pour consulter vos renseignements. Il expire dans 10 minutes et ne fonctionne qu'une fois.",
    mailIgnore:
      "Si vous n'avez pas demandé ce code, vous pouvez ignorer ce courriel. Personne ne peut l'utiliser sans avoir aussi accès à cette boîte de courriel.",
    mailNever:
      "Nous ne vous demanderons jamais ce code par téléphone, texto ou courriel, ni votre mot de passe ou les renseignements de votre carte.",
    mailHelp: "Besoin d'aide? Composez le {phone}.",

    outboxTitle: "Boîte d'envoi de développement",
    outboxIntro: "Messages que le portail aurait envoyés par courriel. Cette page n'existe pas en production.",
    outboxEmpty: "Aucun message pour l'instant.",
    outboxTo: "À",
    outboxStatus: "État",
    outboxQueued: "En attente",
    outboxSent: "Remis à la boîte d'envoi",
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

/** A field error key in the reader's language (unknown keys are shown as they are). */
export function verifyError(t: VerifyClientMessages, key: string | undefined): string | undefined {
  return key ? (t.errors[key] ?? key) : undefined;
}
