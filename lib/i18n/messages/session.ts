import { defineMessages } from "../locales";

// Session time-outs, signing out and outages (components/session/*, app/(public)/signed-out, the error pages).
// French: Québec usage, neutral wording (no masculine-only "déconnecté"), U+00A0 before ":" and inside « ».

export const sessionMessages = defineMessages({
  en: {
    // The warning before the idle timeout (components/session/session-timeout.tsx).
    warnTitle: "You will be signed out soon",
    warnIdle:
      "You have not done anything on this site for a while. To protect your information, we will sign you out at {time}.",
    warnStayHint: "Your progress is saved either way.",
    stay: "Stay signed in",
    signOutNow: "Sign out now",
    // The warning when the session reaches its 60-minute limit and cannot be extended.
    warnLimitTitle: "Your session ends soon",
    warnLimit:
      "For your security, a session lasts at most 60 minutes. It ends at {time} and cannot be extended. Your progress is saved: to continue after that, verify again.",
    gotIt: "Continue",
    stayFailed: "We could not keep you signed in. Your progress is saved. Please verify again to continue.",
    extended: "You are still signed in.",
    // The signed-out page.
    signedOutPageTitle: "Signed out",
    signedOutTitle: "You have signed out",
    signedOutBody: "Nobody can see your information on this device without verifying again.",
    inactiveTitle: "You were signed out",
    inactiveBody: "You were signed out because you were inactive for 15 minutes. Your progress is saved.",
    limitTitle: "You were signed out",
    limitBody: "For your security, a session lasts at most 60 minutes, and yours has ended. Your progress is saved.",
    expiredTitle: "Your session has ended",
    expiredBody:
      "Sessions end after 15 minutes without activity, or after 60 minutes in all, to protect your information. Your progress is saved.",
    whatNext: "What to do next",
    continueHint: "To continue, verify again with your booking reference, last name and date of birth.",
    sharedDevice: "On a shared or public computer, close this browser window when you are done.",
    verifyAgain: "Verify again",
    backHome: "Back to the home page",
    help: "Questions? Call {phone}.",
    // Outages (the traveller error boundary, the root and global error pages).
    outageTitle: "This page is not available right now",
    outageBody: "The problem is on our side. It says nothing about your information, and nothing you saved was lost.",
    outageNext: "Please try again in a few minutes.",
    outagePhone: "If you need help now, call {phone}.",
    tryAgain: "Try again",
    errorTitle: "Something went wrong",
    errorBody: "This is a problem on our side, not a sign about your information.",
  },
  fr: {
    warnTitle: "Votre session va bientôt se fermer",
    warnIdle:
      "Aucune activité n’a eu lieu sur ce site depuis un moment. Pour protéger vos renseignements, nous fermerons votre session à {time}.",
    warnStayHint: "Votre progression est enregistrée dans tous les cas.",
    stay: "Garder ma session ouverte",
    signOutNow: "Fermer ma session maintenant",
    warnLimitTitle: "Votre session se termine bientôt",
    warnLimit:
      "Pour votre sécurité, une session dure au plus 60 minutes. La vôtre se termine à {time} et ne peut pas être prolongée. Votre progression est enregistrée\u00a0: pour continuer ensuite, confirmez de nouveau votre identité.",
    gotIt: "Continuer",
    stayFailed:
      "Nous n’avons pas pu garder votre session ouverte. Votre progression est enregistrée. Veuillez confirmer de nouveau votre identité pour continuer.",
    extended: "Votre session est toujours ouverte.",
    signedOutPageTitle: "Session fermée",
    signedOutTitle: "Votre session est fermée",
    signedOutBody:
      "Personne ne peut voir vos renseignements sur cet appareil sans confirmer de nouveau votre identité.",
    inactiveTitle: "Votre session a été fermée",
    inactiveBody: "Votre session a été fermée après 15 minutes sans activité. Votre progression est enregistrée.",
    limitTitle: "Votre session a été fermée",
    limitBody:
      "Pour votre sécurité, une session dure au plus 60 minutes, et la vôtre a pris fin. Votre progression est enregistrée.",
    expiredTitle: "Votre session a pris fin",
    expiredBody:
      "Une session prend fin après 15 minutes sans activité, ou après 60 minutes au total, pour protéger vos renseignements. Votre progression est enregistrée.",
    whatNext: "Que faire",
    continueHint:
      "Pour continuer, confirmez de nouveau votre identité avec votre numéro de réservation, votre nom de famille et votre date de naissance.",
    sharedDevice: "Sur un ordinateur partagé ou public, fermez cette fenêtre du navigateur quand vous avez terminé.",
    verifyAgain: "Confirmer de nouveau mon identité",
    backHome: "Retour à l’accueil",
    help: "Des questions\u00a0? Composez le {phone}.",
    outageTitle: "Cette page n’est pas disponible pour le moment",
    outageBody:
      "Le problème vient de notre côté. Il ne dit rien sur vos renseignements, et rien de ce que vous avez enregistré n’a été perdu.",
    outageNext: "Veuillez réessayer dans quelques minutes.",
    outagePhone: "Si vous avez besoin d’aide maintenant, composez le {phone}.",
    tryAgain: "Réessayer",
    errorTitle: "Un problème est survenu",
    errorBody: "Le problème vient de notre côté et ne dit rien sur vos renseignements.",
  },
});

export type SessionMessages = (typeof sessionMessages)["en"];
