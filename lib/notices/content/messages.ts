import { defineMessages } from "@/lib/i18n/locales";

// Every sentence of a breach notice, in English and French. Placeholders are filled by ./document.ts. The US
// wording ("Notice of Data Breach" and its five headings) is what US state notice laws name; everyone reading in
// English gets the same headings, which also carry every element of Canada's PIPEDA breach regulations (s.3).

export const noticeMessages = defineMessages({
  en: {
    subject: "{organisation}: important notice about your personal information",
    subjectUs: "{organisation}: Notice of Data Breach",
    subjectReminder: "{organisation}: reminder, free identity monitoring ends soon",
    subjectContact: "{organisation}: a person on your booking asked us to contact you",
    title: "Important notice about your personal information",
    titleUs: "Notice of Data Breach",
    titleReminder: "Reminder: enrol in free identity monitoring by {date}",
    titleContact: "A message from {organisation}",
    greeting: "Dear {name},",
    greetingContact: "Hello,",
    intro:
      "We are writing to tell you about a cybersecurity incident at {organisation} ({incident}) that involved some of your personal information. This notice explains what happened, what information was involved, what we have done and what you can do.",
    companionIntro: "A person on your booking asked us to make sure this notice reaches you.",
    whatHappened: "What Happened",
    when: "It happened between {from} and {to}. We detected it on {detected}.",
    whatInvolved: "What Information Was Involved",
    yourCategories: "Your information involved:",
    noCategories: "We found none of your own information among what was involved.",
    notInvolved: "Not involved:",
    whatWeDo: "What We Are Doing",
    monitoringOffer:
      "We are offering you free identity monitoring for {term} months from enrolment. Enrol by {date} at the address below: confirm who you are, then choose Monitoring.",
    whatYouCan: "What You Can Do",
    seeYours:
      "See your own information and step-by-step advice for each item above. Go to the address below and confirm who you are with your booking reference, last name and date of birth:",
    rewards:
      "As a rewards member, you can also use this personal link. It works once, for 90 days, and asks you to confirm your last name:",
    letterCode:
      "Your personal notice code is below. On the site, choose “I have a letter” and enter your booking reference, last name, date of birth and this code. It is printed only on this letter: keep it safe.",
    companionWarning:
      "You travelled on a booking with other people. Their information may also be involved; each of them receives their own notice. If someone on your booking has no email address (a child, for example), they can check the same site, and the person who made the booking can act for children.",
    caCredit:
      "You can ask Canada’s credit bureaus to add a fraud alert to your file, so lenders check with you before opening credit in your name: Equifax Canada (1-800-465-7166) and TransUnion Canada (1-800-663-9980).",
    usFreeze:
      "Security freeze: you have the right to place a security freeze on your credit report, free of charge. A freeze stops a credit bureau from sharing your report with new lenders, so no one can open credit in your name. Contact each bureau: Equifax (1-800-685-1111), Experian (1-888-397-3742) and TransUnion (1-888-909-8872). You will need your name, address, date of birth and Social Security number.",
    usFraudAlert:
      "Fraud alert: you can place a free one-year fraud alert by calling any one of the three bureaus, which tells the other two. Lenders must then take steps to confirm it is you before opening new credit. You can also get a free credit report from each bureau and report identity theft to the Federal Trade Commission (1-877-438-4338).",
    safety:
      "How to recognise this notice: we will never ask you for a password, a card number or a code by phone. You do not need to click any link in this message: you can type the address {host} into your browser yourself.",
    moreInfo: "For More Information",
    callUs: "Call us toll-free at {phone}.",
    complaint:
      "If you are not satisfied with how we handled this, contact our Privacy Office: {route}. You also have the right to complain to {regulator}.",
    complaintNoOffice:
      "If you are not satisfied with how we handled this, call us at the toll-free number below and ask for our Privacy Office. You also have the right to complain to {regulator}.",
    regulatorCanada: "the Office of the Privacy Commissioner of Canada (1-800-282-1376)",
    regulatorQuebec: "the Commission d’accès à l’information du Québec (1-888-528-7741)",
    regulatorUs: "the Federal Trade Commission (1-877-438-4338) or your state attorney general",
    reminderIntro:
      "We wrote to you about the {incident} at {organisation}. You have not yet enrolled in the free identity monitoring we offer, and the offer ends on {date}.",
    reminderHow:
      "Monitoring lasts {term} months from enrolment and costs you nothing. To enrol, go to the address below, confirm who you are, then choose Monitoring:",
    contactBody:
      "A person on your booking with {organisation} asked us to contact you about the {incident}. To find out whether your information was involved and what you can do, go to the address below:",
    contactWhy:
      "We cannot say more by email, because we have not confirmed that this address belongs to you. If you did not travel with {organisation}, you can ignore this message.",
    signature: "{organisation}",
  },
  fr: {
    subject: "{organisation}\u00a0: avis important concernant vos renseignements personnels",
    subjectUs: "{organisation}\u00a0: avis de violation de données",
    subjectReminder: "{organisation}\u00a0: rappel, la surveillance d’identité gratuite prend bientôt fin",
    subjectContact: "{organisation}\u00a0: une personne de votre réservation nous a demandé de vous joindre",
    title: "Avis important concernant vos renseignements personnels",
    titleUs: "Avis de violation de données",
    titleReminder: "Rappel\u00a0: inscrivez-vous à la surveillance d’identité gratuite d’ici le {date}",
    titleContact: "Un message de {organisation}",
    greeting: "Bonjour {name},",
    greetingContact: "Bonjour,",
    intro:
      "Nous vous écrivons au sujet d’un incident de cybersécurité chez {organisation} ({incident}) qui a touché certains de vos renseignements personnels. Cet avis explique ce qui s’est passé, les renseignements en cause, ce que nous avons fait et ce que vous pouvez faire.",
    companionIntro: "Une personne de votre réservation nous a demandé de veiller à ce que cet avis vous parvienne.",
    whatHappened: "Ce qui s’est passé",
    when: "L’incident a eu lieu entre le {from} et le {to}. Nous l’avons détecté le {detected}.",
    whatInvolved: "Renseignements en cause",
    yourCategories: "Vos renseignements en cause\u00a0:",
    noCategories: "Nous n’avons trouvé aucun de vos propres renseignements parmi ceux en cause.",
    notInvolved: "Non touchés\u00a0:",
    whatWeDo: "Ce que nous faisons",
    monitoringOffer:
      "Nous vous offrons une surveillance d’identité gratuite de {term} mois à compter de l’inscription. Inscrivez-vous d’ici le {date} à l’adresse ci-dessous\u00a0: confirmez votre identité, puis choisissez Surveillance.",
    whatYouCan: "Ce que vous pouvez faire",
    seeYours:
      "Consultez vos propres renseignements et des conseils étape par étape pour chaque élément ci-dessus. Rendez-vous à l’adresse ci-dessous et confirmez votre identité avec votre numéro de réservation, votre nom de famille et votre date de naissance\u00a0:",
    rewards:
      "En tant que membre du programme de récompenses, vous pouvez aussi utiliser ce lien personnel. Il ne fonctionne qu’une fois, pendant 90\u00a0jours, et vous demande de confirmer votre nom de famille\u00a0:",
    letterCode:
      "Votre code d’avis personnel figure ci-dessous. Sur le site, choisissez «\u00a0J’ai une lettre\u00a0» et entrez votre numéro de réservation, votre nom de famille, votre date de naissance et ce code. Il n’est imprimé que sur cette lettre\u00a0: conservez-la en lieu sûr.",
    companionWarning:
      "Vous avez voyagé sur une réservation avec d’autres personnes. Leurs renseignements pourraient aussi être en cause\u00a0; chacune reçoit son propre avis. Si une personne de votre réservation n’a pas d’adresse courriel (un enfant, par exemple), elle peut consulter le même site, et la personne qui a fait la réservation peut agir pour les enfants.",
    caCredit:
      "Vous pouvez demander aux agences d’évaluation du crédit du Canada d’ajouter une alerte à la fraude à votre dossier, pour que les prêteurs communiquent avec vous avant d’ouvrir un crédit à votre nom\u00a0: Equifax Canada (1 800 465-7166) et TransUnion Canada (1 800 663-9980).",
    usFreeze:
      "Gel de sécurité\u00a0: vous avez le droit de faire geler gratuitement votre dossier de crédit. Le gel empêche une agence d’évaluation du crédit de communiquer votre dossier à de nouveaux prêteurs, pour que personne ne puisse ouvrir un crédit à votre nom. Communiquez avec chaque agence\u00a0: Equifax (1 800 685-1111), Experian (1 888 397-3742) et TransUnion (1 888 909-8872). Vous aurez besoin de vos nom, adresse, date de naissance et numéro de sécurité sociale.",
    usFraudAlert:
      "Alerte à la fraude\u00a0: vous pouvez faire ajouter gratuitement une alerte à la fraude d’un an en appelant l’une des trois agences, qui avise les deux autres. Les prêteurs doivent alors confirmer votre identité avant d’ouvrir un nouveau crédit. Vous pouvez aussi obtenir un rapport de crédit gratuit de chaque agence et signaler un vol d’identité à la Federal Trade Commission (1 877 438-4338).",
    safety:
      "Comment reconnaître cet avis\u00a0: nous ne vous demanderons jamais de mot de passe, de numéro de carte ni de code par téléphone. Vous n’avez à cliquer sur aucun lien de ce message\u00a0: vous pouvez entrer vous-même l’adresse {host} dans votre navigateur.",
    moreInfo: "Pour en savoir plus",
    callUs: "Appelez-nous sans frais au {phone}.",
    complaint:
      "Si vous n’êtes pas satisfait de la façon dont nous avons traité la situation, communiquez avec notre Bureau de la protection de la vie privée\u00a0: {route}. Vous avez aussi le droit de porter plainte auprès de {regulator}.",
    complaintNoOffice:
      "Si vous n’êtes pas satisfait de la façon dont nous avons traité la situation, appelez-nous au numéro sans frais ci-dessous et demandez notre Bureau de la protection de la vie privée. Vous avez aussi le droit de porter plainte auprès de {regulator}.",
    regulatorCanada: "du Commissariat à la protection de la vie privée du Canada (1 800 282-1376)",
    regulatorQuebec: "de la Commission d’accès à l’information du Québec (1 888 528-7741)",
    regulatorUs: "de la Federal Trade Commission (1 877 438-4338) ou du procureur général de votre État",
    reminderIntro:
      "Nous vous avons écrit au sujet de l’incident ({incident}) chez {organisation}. Vous n’êtes pas encore inscrit à la surveillance d’identité gratuite que nous offrons, et l’offre prend fin le {date}.",
    reminderHow:
      "La surveillance dure {term} mois à compter de l’inscription et ne vous coûte rien. Pour vous inscrire, rendez-vous à l’adresse ci-dessous, confirmez votre identité, puis choisissez Surveillance\u00a0:",
    contactBody:
      "Une personne de votre réservation avec {organisation} nous a demandé de vous joindre au sujet de l’incident ({incident}). Pour savoir si vos renseignements sont en cause et ce que vous pouvez faire, rendez-vous à l’adresse ci-dessous\u00a0:",
    contactWhy:
      "Nous ne pouvons pas en dire plus par courriel, car nous n’avons pas confirmé que cette adresse vous appartient. Si vous n’avez pas voyagé avec {organisation}, vous pouvez ignorer ce message.",
    signature: "{organisation}",
  },
});
