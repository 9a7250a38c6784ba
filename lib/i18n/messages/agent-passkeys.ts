import { defineMessages } from "../locales";

// Agents' passkeys: the security page (/agent/security) and the passkey button on the sign-in page.

export const agentPasskeyMessages = defineMessages({
  en: {
    navSecurity: "Security",
    title: "Security",
    intro:
      "A passkey lets you sign in without your password and authentication code: your device checks it is you (PIN, fingerprint or face) and it works only on this portal’s real address, so a fake sign-in page cannot use it.",
    listHeading: "Your passkeys",
    none: "You have no passkey yet.",
    added: "Added {date}",
    lastUsed: "last used {date}",
    neverUsed: "never used",
    addHeading: "Add a passkey",
    nameLabel: "Passkey name",
    nameHint: "So you can tell your passkeys apart, for example “Work laptop”.",
    addCodeHint: "The code your authenticator app shows now: a passkey outlasts this session, so we check it is you.",
    addSubmit: "Add a passkey",
    addPending: "Waiting for your device…",
    addedDone: "Your passkey is added. You can now sign in with it.",
    addFailed: "The passkey was not added. Try again, and follow your device’s prompts.",
    exists: "This passkey is already registered.",
    removeHeading: "Remove {name}",
    removeIntro: "To remove a passkey, confirm it is you: enter your authentication code, or use one of your passkeys.",
    codeLabel: "Authentication code",
    removeWithCode: "Remove with the code",
    removeWithPasskey: "Remove with a passkey",
    removePending: "Removing…",
    removedDone: "The passkey is removed.",
    badProof: "That did not confirm it is you. Enter the code your app shows now, or try your passkey again.",
    limited: "Too many attempts. Try again later.",
    gone: "This passkey no longer exists.",
    // Not "Sign in…": the form's own button is "Sign in", and the two must not be mistaken for each other.
    signInWithPasskey: "Use a passkey",
    signInWithPasskeyPending: "Waiting for your passkey…",
    passkeyIntro: "Or, with a passkey for this portal on your device, sign in without the three fields:",
    passkeyRefused:
      "That passkey did not sign you in. It may have been removed, or your account changed: use your password and code.",
    notSupported: "This browser does not support passkeys. Use your email, password and authentication code.",
    cancelled:
      "No passkey was used: the request was cancelled or timed out, or this device has no passkey for this portal.",
    errorSummaryTitle: "There is a problem",
    formErrors: {
      nameRequired: "Enter a name for the passkey.",
      nameTooLong: "The name must be at most 60 characters.",
      codeRequired: "Enter the code from your authenticator app.",
      codeInvalid: "Enter the 6 digits your authenticator app shows.",
      invalid: "Something went wrong. Reload the page and try again.",
    },
  },
  fr: {
    navSecurity: "Sécurité",
    title: "Sécurité",
    intro:
      "Une clé d’accès vous permet de vous connecter sans mot de passe ni code d’authentification : votre appareil vérifie que c’est bien vous (NIP, empreinte ou visage) et elle ne fonctionne qu’à l’adresse réelle de ce portail, si bien qu’une fausse page de connexion ne peut pas s’en servir.",
    listHeading: "Vos clés d’accès",
    none: "Vous n’avez encore aucune clé d’accès.",
    added: "Ajoutée le {date}",
    lastUsed: "dernière utilisation le {date}",
    neverUsed: "jamais utilisée",
    addHeading: "Ajouter une clé d’accès",
    nameLabel: "Nom de la clé d’accès",
    nameHint: "Pour distinguer vos clés d’accès, par exemple « Portable du bureau ».",
    addCodeHint:
      "Le code que votre application d’authentification affiche maintenant : une clé d’accès dure plus longtemps que cette session, alors nous vérifions que c’est bien vous.",
    addSubmit: "Ajouter une clé d’accès",
    addPending: "En attente de votre appareil…",
    addedDone: "Votre clé d’accès est ajoutée. Vous pouvez maintenant vous connecter avec elle.",
    addFailed: "La clé d’accès n’a pas été ajoutée. Réessayez en suivant les invites de votre appareil.",
    exists: "Cette clé d’accès est déjà enregistrée.",
    removeHeading: "Supprimer {name}",
    removeIntro:
      "Pour supprimer une clé d’accès, confirmez que c’est bien vous : entrez votre code d’authentification ou utilisez l’une de vos clés d’accès.",
    codeLabel: "Code d’authentification",
    removeWithCode: "Supprimer avec le code",
    removeWithPasskey: "Supprimer avec une clé d’accès",
    removePending: "Suppression…",
    removedDone: "La clé d’accès est supprimée.",
    badProof:
      "Cela n’a pas confirmé que c’est bien vous. Entrez le code que votre application affiche maintenant ou réessayez votre clé d’accès.",
    limited: "Trop de tentatives. Réessayez plus tard.",
    gone: "Cette clé d’accès n’existe plus.",
    signInWithPasskey: "Utiliser une clé d’accès",
    signInWithPasskeyPending: "En attente de votre clé d’accès…",
    passkeyIntro: "Ou, avec une clé d’accès de ce portail sur votre appareil, connectez-vous sans les trois champs :",
    passkeyRefused:
      "Cette clé d’accès ne vous a pas connecté. Elle a peut-être été supprimée, ou votre compte a changé : utilisez votre mot de passe et votre code.",
    notSupported:
      "Ce navigateur ne prend pas en charge les clés d’accès. Utilisez votre courriel, votre mot de passe et votre code d’authentification.",
    cancelled:
      "Aucune clé d’accès n’a été utilisée : la demande a été annulée ou a expiré, ou cet appareil n’a pas de clé d’accès pour ce portail.",
    errorSummaryTitle: "Il y a un problème",
    formErrors: {
      nameRequired: "Entrez un nom pour la clé d’accès.",
      nameTooLong: "Le nom doit compter au plus 60 caractères.",
      codeRequired: "Entrez le code de votre application d’authentification.",
      codeInvalid: "Entrez les 6 chiffres affichés par votre application d’authentification.",
      invalid: "Un problème est survenu. Rechargez la page et réessayez.",
    },
  },
});

export type PasskeyText = (typeof agentPasskeyMessages)["en"];

/** What the sign-in page's passkey button needs (the page passes only this slice to the browser). */
export const PASSKEY_SIGN_IN_KEYS = [
  "signInWithPasskey",
  "signInWithPasskeyPending",
  "passkeyRefused",
  "notSupported",
  "cancelled",
  "passkeyIntro",
] as const;
