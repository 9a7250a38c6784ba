import type { CategoryCode } from "@/lib/catalogue/categories";
import type { Locale } from "@/lib/i18n/locales";

// What each exposed category means for the traveller and what they can do about it, in English and French.
// Category names come from lib/catalogue/categories.ts (docs/bundle-format.md); this file only adds the guidance.
// Item keys ("travel_document.report-or-replace") are stored in checklist_progress: never rename or reuse one,
// or a traveller's ticks would silently move to a different piece of advice. Add new keys instead.

type Text = { en: string; fr: string };
export type GuidanceItem = { key: string; title: Text; detail: Text };
export type CategoryGuidance = { meaning: Text; why: Text; items: GuidanceItem[] };

const item = (key: string, title: Text, detail: Text): GuidanceItem => ({ key, title, detail });

export const GUIDANCE: Record<CategoryCode, CategoryGuidance> = {
  full_name: {
    meaning: {
      en: "Your first and last name as they appear on your booking.",
      fr: "Vos prénom et nom tels qu’ils figurent sur votre réservation.",
    },
    why: {
      en: "A name alone cannot open your accounts. It can make a scam message look more convincing, because it greets you by name.",
      fr: "Un nom seul ne permet pas d’accéder à vos comptes. Il peut toutefois rendre un message frauduleux plus convaincant, puisqu’il vous salue par votre nom.",
    },
    items: [
      item(
        "full_name.expect-scams",
        {
          en: "Be wary of messages that mention this incident",
          fr: "Méfiez-vous des messages qui mentionnent cet incident",
        },
        {
          en: "Do not use links or attachments in unexpected messages about the incident, compensation or refunds. Type our web address yourself instead.",
          fr: "N’utilisez pas les liens ou pièces jointes de messages inattendus au sujet de l’incident, d’une indemnité ou d’un remboursement. Entrez plutôt vous-même notre adresse Web dans votre navigateur.",
        },
      ),
    ],
  },
  date_of_birth: {
    meaning: { en: "Your date of birth.", fr: "Votre date de naissance." },
    why: {
      en: "Some banks, phone companies and government services use your date of birth to confirm who you are. With other details, it could help someone pretend to be you.",
      fr: "Certaines banques, entreprises de téléphonie et certains services gouvernementaux utilisent votre date de naissance pour confirmer votre identité. Combinée à d’autres renseignements, elle pourrait aider quelqu’un à se faire passer pour vous.",
    },
    items: [
      item(
        "date_of_birth.add-passcode",
        {
          en: "Add a password or PIN where your date of birth is the only check",
          fr: "Ajoutez un mot de passe ou un NIP là où votre date de naissance est la seule vérification",
        },
        {
          en: "Ask your bank and phone provider whether they can add a verbal password or PIN to your account, so a date of birth is not enough to make changes.",
          fr: "Demandez à votre banque et à votre fournisseur de téléphonie d’ajouter un mot de passe verbal ou un NIP à votre compte, pour qu’une date de naissance ne suffise pas à y apporter des changements.",
        },
      ),
      item(
        "date_of_birth.check-credit",
        { en: "Check your credit report", fr: "Consultez votre dossier de crédit" },
        {
          en: "Credit bureaus let you see your credit report, usually for free (in Canada: Equifax and TransUnion). Look for accounts or credit checks you do not recognise. The free monitoring we offer watches this for you.",
          fr: "Les agences d’évaluation du crédit vous permettent de consulter votre dossier, généralement sans frais (au Canada : Equifax et TransUnion). Repérez les comptes ou les vérifications de crédit que vous ne reconnaissez pas. La surveillance gratuite que nous offrons s’en charge pour vous.",
        },
      ),
    ],
  },
  contact_info: {
    meaning: {
      en: "The email address and phone number you gave us.",
      fr: "L’adresse courriel et le numéro de téléphone que vous nous avez donnés.",
    },
    why: {
      en: "You may receive more spam, and some of it may pretend to come from us and mention this incident. This is the most likely way anyone will try to take advantage of it.",
      fr: "Vous pourriez recevoir plus de pourriels, dont certains pourraient prétendre venir de nous et mentionner cet incident. C’est la façon la plus probable dont quelqu’un tentera d’en profiter.",
    },
    items: [
      item(
        "contact_info.recognise-phishing",
        {
          en: "Learn what a scam about this incident looks like",
          fr: "Apprenez à reconnaître une fraude liée à cet incident",
        },
        {
          en: "Warning signs: pressure to act fast, a link to “claim compensation” or “secure your account”, a request to pay a fee, an attachment you did not expect, or a sender address that is not ours. When in doubt, do not reply: contact us through our website or the number in your notice.",
          fr: "Signes d’alerte : on vous presse d’agir vite, on vous propose un lien pour « réclamer une indemnité » ou « sécuriser votre compte », on vous demande de payer des frais, une pièce jointe inattendue ou une adresse d’expéditeur qui n’est pas la nôtre. En cas de doute, ne répondez pas : communiquez avec nous par notre site Web ou au numéro indiqué dans votre avis.",
        },
      ),
      item(
        "contact_info.never-asked",
        { en: "Remember what we will never ask for", fr: "Rappelez-vous ce que nous ne demanderons jamais" },
        {
          en: "We will never ask for your password, your full card number or your card security code (CVV), by email, text or phone. Anyone who asks is not us: hang up or delete the message.",
          fr: "Nous ne vous demanderons jamais votre mot de passe, votre numéro de carte complet ni le code de sécurité de votre carte (CVV), que ce soit par courriel, texto ou téléphone. Quiconque le demande n’est pas nous : raccrochez ou supprimez le message.",
        },
      ),
      item(
        "contact_info.call-back",
        { en: "Call back on a number you trust", fr: "Rappelez à un numéro de confiance" },
        {
          en: "If someone calls or texts saying they are from the airline or your bank, end the conversation and call the number on our website or on the back of your card.",
          fr: "Si quelqu’un vous appelle ou vous texte en disant représenter la compagnie aérienne ou votre banque, mettez fin à l’échange et composez le numéro indiqué sur notre site Web ou au dos de votre carte.",
        },
      ),
      item(
        "contact_info.report-scams",
        { en: "Report suspicious messages", fr: "Signalez les messages suspects" },
        {
          en: "Mark them as spam or phishing in your email app. You can also report fraud attempts to your national anti-fraud centre (in Canada: the Canadian Anti-Fraud Centre).",
          fr: "Marquez-les comme pourriels ou hameçonnage dans votre application de courriel. Vous pouvez aussi signaler les tentatives de fraude à l’organisme antifraude de votre pays (au Canada : le Centre antifraude du Canada).",
        },
      ),
    ],
  },
  mailing_address: {
    meaning: {
      en: "The mailing address on your profile or booking.",
      fr: "L’adresse postale de votre profil ou de votre réservation.",
    },
    why: {
      en: "An address can be used to make letters or messages look genuine, or together with other details to apply for services in your name.",
      fr: "Une adresse peut servir à rendre des lettres ou des messages crédibles ou, avec d’autres renseignements, à demander des services en votre nom.",
    },
    items: [
      item(
        "mailing_address.watch-letters",
        { en: "Be wary of unexpected letters", fr: "Méfiez-vous des lettres inattendues" },
        {
          en: "Be careful with letters about prizes, refunds or compensation that ask you to pay, call a number or send documents. Check with us directly first.",
          fr: "Faites preuve de prudence avec les lettres au sujet de prix, de remboursements ou d’indemnités qui vous demandent de payer, d’appeler un numéro ou d’envoyer des documents. Vérifiez d’abord directement auprès de nous.",
        },
      ),
      item(
        "mailing_address.missing-mail",
        { en: "Notice mail that stops arriving", fr: "Remarquez le courrier qui n’arrive plus" },
        {
          en: "If bills or statements stop arriving, contact the sender and your postal service: it can be a sign that someone redirected your mail.",
          fr: "Si des factures ou des relevés cessent d’arriver, communiquez avec l’expéditeur et votre service postal : cela peut indiquer que quelqu’un a fait réacheminer votre courrier.",
        },
      ),
    ],
  },
  travel_document: {
    meaning: {
      en: "Details of the passport or government ID you gave us for travel, such as its number, country and expiry date. Not a copy of the document itself.",
      fr: "Les renseignements du passeport ou de la pièce d’identité que vous nous avez fournis pour voyager, comme le numéro, le pays et la date d’expiration. Il ne s’agit pas d’une copie du document.",
    },
    why: {
      en: "Your passport is still valid and you can keep travelling with it. Its number could be used to try to pretend to be you, so some people choose to replace it and get a new number.",
      fr: "Votre passeport demeure valide et vous pouvez continuer à voyager avec. Son numéro pourrait servir à tenter d’usurper votre identité ; c’est pourquoi certaines personnes choisissent de le remplacer pour obtenir un nouveau numéro.",
    },
    items: [
      item(
        "travel_document.report-or-replace",
        {
          en: "Decide whether to replace your passport or ID",
          fr: "Décidez si vous remplacez votre passeport ou votre pièce d’identité",
        },
        {
          en: "You do not have to. If you want a new number, apply through the government office that issued the document (for a Canadian passport: Immigration, Refugees and Citizenship Canada, through Service Canada). Tell them it was exposed in a data breach and keep a copy of our notice: some offices ask for it.",
          fr: "Ce n’est pas obligatoire. Pour obtenir un nouveau numéro, faites une demande au bureau gouvernemental qui a délivré le document (pour un passeport canadien : Immigration, Réfugiés et Citoyenneté Canada, par Service Canada). Indiquez qu’il a été exposé lors d’une fuite de données et gardez une copie de notre avis : certains bureaux le demandent.",
        },
      ),
      item(
        "travel_document.watch-identity",
        { en: "Watch for accounts opened in your name", fr: "Surveillez les comptes ouverts à votre nom" },
        {
          en: "Enrol in the free two-year monitoring: it alerts you if someone tries to use your identity for credit.",
          fr: "Inscrivez-vous à la surveillance gratuite de deux ans : elle vous avertit si quelqu’un tente d’utiliser votre identité pour obtenir du crédit.",
        },
      ),
    ],
  },
  itinerary: {
    meaning: {
      en: "The flights on your booking: route and dates.",
      fr: "Les vols de votre réservation : trajet et dates.",
    },
    why: {
      en: "Trip details can make fake “flight change”, “refund” or “lost baggage” messages look real.",
      fr: "Les détails d’un voyage peuvent rendre crédibles de faux messages de « changement de vol », de « remboursement » ou de « bagages perdus ».",
    },
    items: [
      item(
        "itinerary.check-directly",
        {
          en: "Check your bookings only through our website or app",
          fr: "Vérifiez vos réservations seulement par notre site Web ou notre application",
        },
        {
          en: "If a message says your flight changed or offers a refund, do not use its links. Open your booking yourself to see whether anything really changed.",
          fr: "Si un message indique que votre vol a changé ou vous offre un remboursement, n’utilisez pas ses liens. Ouvrez vous-même votre réservation pour voir si quelque chose a vraiment changé.",
        },
      ),
    ],
  },
  accommodation_request: {
    meaning: {
      en: "Requests you made for help while travelling, such as wheelchair assistance, medical oxygen or travelling with an infant.",
      fr: "Les demandes d’aide que vous avez faites pour voyager, comme l’assistance en fauteuil roulant, l’oxygène médical ou un voyage avec un nourrisson.",
    },
    why: {
      en: "These requests can reveal health or family details, which are personal. They cannot be used to sign in to your accounts, and your future requests work as before.",
      fr: "Ces demandes peuvent révéler des renseignements sur votre santé ou votre famille, qui sont personnels. Elles ne permettent pas d’accéder à vos comptes, et vos prochaines demandes fonctionnent comme avant.",
    },
    items: [
      item(
        "accommodation_request.wary-of-contact",
        { en: "Be wary of anyone who brings up your request", fr: "Méfiez-vous de quiconque évoque votre demande" },
        {
          en: "We will not contact you asking for payment or for more health details about a past request. If someone does, do not share anything and call us.",
          fr: "Nous ne communiquerons pas avec vous pour demander un paiement ou plus de renseignements de santé au sujet d’une demande passée. Si quelqu’un le fait, ne communiquez rien et appelez-nous.",
        },
      ),
    ],
  },
  complaint: {
    meaning: {
      en: "Complaints or feedback you sent us, and our replies.",
      fr: "Les plaintes ou commentaires que vous nous avez envoyés, et nos réponses.",
    },
    why: {
      en: "They may contain details you wrote about yourself or your trip. Scammers may pretend to follow up on a complaint or to offer compensation. Any complaint still open continues as normal.",
      fr: "Ils peuvent contenir des détails que vous avez écrits sur vous ou votre voyage. Des fraudeurs pourraient prétendre faire le suivi d’une plainte ou offrir une indemnité. Toute plainte encore ouverte suit son cours normalement.",
    },
    items: [
      item(
        "complaint.compensation-offers",
        {
          en: "Treat unexpected compensation offers with care",
          fr: "Traitez avec prudence les offres d’indemnité inattendues",
        },
        {
          en: "We will never ask you to pay a fee or give card details to receive compensation. Check any offer by contacting us yourself.",
          fr: "Nous ne vous demanderons jamais de payer des frais ou de donner les renseignements de votre carte pour recevoir une indemnité. Vérifiez toute offre en communiquant vous-même avec nous.",
        },
      ),
    ],
  },
  rewards_account: {
    meaning: {
      en: "Your rewards member ID and your points balance.",
      fr: "Votre numéro de membre du programme de récompenses et votre solde de points.",
    },
    why: {
      en: "Your points are not at risk: passwords were not involved, so this information is not enough to sign in to your account or spend your points. Scammers may mention your points to make a message look genuine.",
      fr: "Vos points ne sont pas menacés : les mots de passe n’ont pas été touchés, donc ces renseignements ne suffisent pas pour accéder à votre compte ni utiliser vos points. Des fraudeurs pourraient mentionner vos points pour rendre un message crédible.",
    },
    items: [
      item(
        "rewards_account.review-activity",
        { en: "Review your points activity", fr: "Vérifiez l’activité de vos points" },
        {
          en: "Sign in to your rewards account through our website or app (not through a link in a message) and look at recent activity. Call us about anything you do not recognise.",
          fr: "Connectez-vous à votre compte de récompenses par notre site Web ou notre application (pas par un lien reçu dans un message) et vérifiez l’activité récente. Appelez-nous pour toute opération que vous ne reconnaissez pas.",
        },
      ),
      item(
        "rewards_account.unique-password",
        {
          en: "Make sure your rewards password is unique",
          fr: "Assurez-vous que votre mot de passe de récompenses est unique",
        },
        {
          en: "Passwords were not exposed. Still, if you use the same password anywhere else, this is a good moment to change it to one used only here.",
          fr: "Les mots de passe n’ont pas été exposés. Toutefois, si vous utilisez le même mot de passe ailleurs, c’est le bon moment pour en choisir un qui ne sert qu’ici.",
        },
      ),
      item(
        "rewards_account.expiring-points",
        {
          en: "Ignore “your points are expiring” messages with links",
          fr: "Ignorez les messages « vos points expirent » qui contiennent des liens",
        },
        {
          en: "Messages that urge you to act now to keep or claim points are a common scam. Check your balance by signing in yourself.",
          fr: "Les messages qui vous pressent d’agir pour conserver ou réclamer des points sont une fraude courante. Vérifiez votre solde en vous connectant vous-même.",
        },
      ),
    ],
  },
  cobrand_card_account: {
    meaning: {
      en: "Information we hold about your co-branded credit card account, such as the fact that you hold the card. Card numbers, expiry dates and security codes were not involved.",
      fr: "Les renseignements que nous détenons sur votre compte de carte de crédit comarquée, comme le fait que vous êtes titulaire de la carte. Les numéros de carte, dates d’expiration et codes de sécurité n’ont pas été touchés.",
    },
    why: {
      en: "This information cannot be used to make purchases with your card. Scammers may use it to pretend to be your card issuer. You do not need to cancel your card because of this incident.",
      fr: "Ces renseignements ne permettent pas de faire des achats avec votre carte. Des fraudeurs pourraient s’en servir pour se faire passer pour l’émetteur de votre carte. Vous n’avez pas à annuler votre carte à cause de cet incident.",
    },
    items: [
      item(
        "cobrand_card_account.watch-statements",
        { en: "Watch your card statements", fr: "Surveillez vos relevés de carte" },
        {
          en: "Over the next few months, look for charges you do not recognise and report them to your card issuer.",
          fr: "Au cours des prochains mois, repérez les transactions que vous ne reconnaissez pas et signalez-les à l’émetteur de votre carte.",
        },
      ),
      item(
        "cobrand_card_account.contact-issuer",
        {
          en: "Call your card issuer if in doubt",
          fr: "Appelez l’émetteur de votre carte en cas de doute",
        },
        {
          en: "Use the number on the back of your card. Your issuer will never ask for your full card number, PIN or security code in a call they started: if someone does, hang up.",
          fr: "Utilisez le numéro au dos de votre carte. L’émetteur ne vous demandera jamais votre numéro de carte complet, votre NIP ou votre code de sécurité lors d’un appel qu’il a lancé : si quelqu’un le fait, raccrochez.",
        },
      ),
    ],
  },
};

/** Every checklist item key the catalogue defines, for validating what a client sends. */
export const ALL_ITEM_KEYS: ReadonlySet<string> = new Set(
  Object.values(GUIDANCE).flatMap((g) => g.items.map((i) => i.key)),
);

/** The category an item key belongs to ("travel_document.report-or-replace" → travel_document). */
export function categoryOfItem(key: string): CategoryCode | null {
  for (const [code, g] of Object.entries(GUIDANCE) as [CategoryCode, CategoryGuidance][]) {
    if (g.items.some((i) => i.key === key)) return code;
  }
  return null;
}

/** The guidance of one category in one language, ready to render. */
export function guidanceFor(code: CategoryCode, locale: Locale) {
  const g = GUIDANCE[code];
  return {
    meaning: g.meaning[locale],
    why: g.why[locale],
    items: g.items.map((i) => ({ key: i.key, title: i.title[locale], detail: i.detail[locale] })),
  };
}
