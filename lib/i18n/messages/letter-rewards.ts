import { defineMessages } from "../locales";
import type { VerifyClientMessages } from "./verify";

// "I have a letter" on /verify (the notice code), the rewards member's deep link (/rewards/[token]) and the
// rewards guidance in the verified views.

export const letterMessages = defineMessages({
  en: {
    haveLetter: "I have a letter from us with a notice code",
    haveLetterHint: "No email on file? Use the code printed on your letter instead of a code by email.",
    title: "Check your information with your letter",
    intro:
      "Enter the details from your booking and the notice code printed on the letter we mailed you. You do not need an email address.",
    noticeCode: "Notice code",
    noticeCodeHint: "12 letters and numbers, printed on your letter, for example 7K2M-9QXD-4HTR.",
    refused:
      "We could not confirm these details. Check your booking reference, last name, date of birth and the notice code on your letter, and try again.",
    noLetter: "No letter? Check with a code by email instead",
    errors: {
      noticeCodeRequired: "Enter the notice code from your letter",
      noticeCodeInvalid: "Enter the 12 letters and numbers of the notice code, like 7K2M-9QXD-4HTR",
    },
  },
  fr: {
    haveLetter: "J’ai une lettre de votre part avec un code d’avis",
    haveLetterHint:
      "Aucun courriel à votre dossier? Utilisez le code imprimé sur votre lettre au lieu d’un code par courriel.",
    title: "Vérifiez vos renseignements avec votre lettre",
    intro:
      "Entrez les renseignements de votre réservation et le code d’avis imprimé sur la lettre que nous vous avons postée. Vous n’avez pas besoin d’adresse courriel.",
    noticeCode: "Code d’avis",
    noticeCodeHint: "12 lettres et chiffres, imprimés sur votre lettre, par exemple 7K2M-9QXD-4HTR.",
    refused:
      "Nous n’avons pas pu confirmer ces renseignements. Vérifiez votre numéro de réservation, votre nom de famille, votre date de naissance et le code d’avis de votre lettre, puis réessayez.",
    noLetter: "Pas de lettre? Vérifiez plutôt avec un code par courriel",
    errors: {
      noticeCodeRequired: "Entrez le code d’avis de votre lettre",
      noticeCodeInvalid: "Entrez les 12 lettres et chiffres du code d’avis, comme 7K2M-9QXD-4HTR",
    },
  },
});

export const rewardsMessages = defineMessages({
  en: {
    confirmTitle: "Confirm it is you",
    confirmIntro:
      "This personal link is from our notice to rewards members. To open your information, confirm the last name on your rewards account.",
    lastName: "Last name",
    lastNameHint: "As it appears on your rewards account.",
    continue: "Continue",
    checking: "Checking…",
    errorSummary: "There is a problem",
    wrongName: "That last name does not match this link. Check it and try again.",
    limitedTitle: "Too many attempts",
    typeAddress: "You can also type our address yourself instead of using links in messages: {address}.",
    goneTitle: "This link cannot be used",
    goneBody:
      "Personal links from our notices work once and for a limited time. You can still check whether your information was involved, and what to do, by confirming your details.",
    goneCta: "Check your information",
    goneHelp: "If you have no booking with us, or need help, call {phone}.",
    memberTitle: "Your rewards account",
    greeting: "Hello, {name}",
    memberId: "Member ID ending {last4}",
    memberIdUnknown: "Your rewards account",
    pointsInvolved: "Your member ID and your points balance were part of the information involved.",
    pointsSafe:
      "Your points are not at risk: they cannot be spent or transferred with the information that was taken, and we have added checks to every redemption.",
    watchHeading: "How to watch your points",
    watch1:
      "Sign in to your rewards account the usual way (type the address, do not follow links) and check your balance.",
    watch2: "Look at your recent activity each month for redemptions or transfers you did not make.",
    watch3: "Turn on activity alerts in your account settings, so every redemption sends you a message.",
    watch4: "If something looks wrong, call {phone}: we will restore points taken without your permission.",
    involvedHeading: "What was involved for you",
    noneInvolved: "We found no other information of yours in what was taken.",
    toBooking: "See everything for your booking",
  },
  fr: {
    confirmTitle: "Confirmez qu’il s’agit bien de vous",
    confirmIntro:
      "Ce lien personnel provient de notre avis aux membres du programme de récompenses. Pour voir vos renseignements, confirmez le nom de famille de votre compte de récompenses.",
    lastName: "Nom de famille",
    lastNameHint: "Tel qu’il figure à votre compte de récompenses.",
    continue: "Continuer",
    checking: "Vérification…",
    errorSummary: "Il y a un problème",
    wrongName: "Ce nom de famille ne correspond pas à ce lien. Vérifiez-le et réessayez.",
    limitedTitle: "Trop de tentatives",
    typeAddress:
      "Vous pouvez aussi taper notre adresse vous-même plutôt que d’utiliser les liens des messages : {address}.",
    goneTitle: "Ce lien ne peut pas être utilisé",
    goneBody:
      "Les liens personnels de nos avis fonctionnent une seule fois et pour une durée limitée. Vous pouvez tout de même vérifier si vos renseignements sont touchés, et quoi faire, en confirmant vos renseignements.",
    goneCta: "Vérifier vos renseignements",
    goneHelp: "Si vous n’avez pas de réservation chez nous, ou pour de l’aide, composez le {phone}.",
    memberTitle: "Votre compte de récompenses",
    greeting: "Bonjour {name}",
    memberId: "Numéro de membre se terminant par {last4}",
    memberIdUnknown: "Votre compte de récompenses",
    pointsInvolved: "Votre numéro de membre et votre solde de points faisaient partie des renseignements touchés.",
    pointsSafe:
      "Vos points ne sont pas à risque : ils ne peuvent pas être utilisés ni transférés avec les renseignements volés, et nous avons ajouté des vérifications à chaque échange.",
    watchHeading: "Comment surveiller vos points",
    watch1:
      "Connectez-vous à votre compte de récompenses comme d’habitude (tapez l’adresse, ne suivez pas de liens) et vérifiez votre solde.",
    watch2:
      "Consultez vos activités récentes chaque mois pour repérer des échanges ou transferts que vous n’avez pas faits.",
    watch3: "Activez les alertes d’activité dans les paramètres de votre compte, pour être avisé de chaque échange.",
    watch4:
      "Si quelque chose semble anormal, composez le {phone} : nous rétablirons les points pris sans votre permission.",
    involvedHeading: "Ce qui vous concerne",
    noneInvolved: "Nous n’avons trouvé aucun autre renseignement vous concernant parmi ce qui a été pris.",
    toBooking: "Voir tout ce qui concerne votre réservation",
  },
});

export type LetterMessages = (typeof letterMessages)["en"];

/** What the letter form needs in the browser: step one's texts, the code's, and both sets of error keys. */
export type LetterClientMessages = Omit<VerifyClientMessages, "errors"> &
  Pick<LetterMessages, "noticeCode" | "noticeCodeHint"> & { errors: Record<string, string> };

export const letterClientMessages = (v: VerifyClientMessages, l: LetterMessages): LetterClientMessages => ({
  ...v,
  noticeCode: l.noticeCode,
  noticeCodeHint: l.noticeCodeHint,
  errors: { ...v.errors, ...l.errors },
});

export type RewardsMessages = (typeof rewardsMessages)["en"];

/** What the rewards link's form needs in the browser. */
export type RewardsClientMessages = Pick<
  RewardsMessages,
  "lastName" | "lastNameHint" | "continue" | "checking" | "errorSummary" | "limitedTitle"
> & { errors: Record<string, string> };
