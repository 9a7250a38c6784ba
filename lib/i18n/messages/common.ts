import { defineMessages } from "../locales";

export const commonMessages = defineMessages({
  en: {
    skipToContent: "Skip to main content",
    portalName: "Incident support",
    language: "Language",
    switchTo: "Français",
    switchToLabel: "Afficher ce site en français",
    footerPrivacy: "We will never ask for your password, your full card number or your card security code.",
    genericError: "Something went wrong on our side. Nothing you entered was lost. Please try again in a few minutes.",
    tryAgain: "Try again",
    loading: "Loading…",
    notFoundTitle: "Page not found",
    notFoundBody: "The page you asked for does not exist or has moved.",
    backHome: "Back to the home page",
    signOut: "Sign out",
    home: "Home",
  },
  fr: {
    skipToContent: "Passer au contenu principal",
    portalName: "Soutien à la suite de l’incident",
    language: "Langue",
    switchTo: "English",
    switchToLabel: "View this site in English",
    footerPrivacy:
      "Nous ne vous demanderons jamais votre mot de passe, votre numéro de carte complet ni le code de sécurité de votre carte.",
    genericError:
      "Un problème est survenu de notre côté. Rien de ce que vous avez entré n’a été perdu. Veuillez réessayer dans quelques minutes.",
    tryAgain: "Réessayer",
    loading: "Chargement…",
    notFoundTitle: "Page introuvable",
    notFoundBody: "La page demandée n’existe pas ou a été déplacée.",
    backHome: "Retour à l’accueil",
    signOut: "Se déconnecter",
    home: "Accueil",
  },
});
