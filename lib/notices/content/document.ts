import "server-only";
import type { NoticeKind } from "@/db/schema/notices";
import { CATEGORY_NAMES, type CategoryCode, isNotExposedCode, NOT_EXPOSED_NAMES } from "@/lib/catalogue/categories";
import { formatDate, formatPhone } from "@/lib/format";
import { format, type Locale } from "@/lib/i18n/locales";
import { noticeMessages } from "./messages";

// A notice as a small document (title, headings, paragraphs, lists, links, a code on its own line), one section
// per language, built once and rendered three ways: plain text and HTML for email (./render-text.ts,
// ./render-html.ts) and the PDF letter (lib/notices/letters/pdf.ts). So the three never say different things.
// Pure: the caller (lib/notices/compose.ts, the letters command) loads and decrypts; nothing here reads a database.

/** A run of a paragraph: text, or a link written out in full (what the reader sees is where it goes). */
export type Inline = string | { href: string };
export type Block =
  | { t: "title"; text: string }
  | { t: "h"; text: string }
  | { t: "p"; parts: Inline[] }
  | { t: "list"; items: string[] }
  | { t: "code"; text: string };
export type Section = { lang: Locale; blocks: Block[] };
export type NoticeDocument = { subject: string; sections: Section[] };

/** The incident record's facts a notice states (db incidents row, from the bundle's incident.json). */
export type NoticeIncident = {
  organisation: string;
  titleEn: string;
  titleFr: string;
  summaryEn: string;
  summaryFr: string;
  detectedOn: string;
  exposureFrom: string;
  exposureTo: string;
  notExposed: string[];
  monitoringTermMonths: number;
  enrolBy: string;
  supportPhone: string;
  stepsTakenEn: string | null;
  stepsTakenFr: string | null;
  privacyEmail: string | null;
  privacyPhone: string | null;
  privacyAddress: string | null;
};

export type NoticeInput = {
  kind: NoticeKind;
  /** The person's own language; Québec residents read French first whatever it is. */
  language: string;
  country: string;
  region: string | null;
  /** The reader's name for the greeting; never used for companion_contact. */
  name: string;
  categories: CategoryCode[];
  sharedBooking: boolean;
  incident: NoticeIncident;
  /** PUBLIC_URL: every link in the notice is under it. */
  publicUrl: string;
  /** The rewards member's personal link (already under publicUrl), or null. */
  rewardsUrl?: string | null;
  /** A letter's personal notice code (printed once), or null for email. */
  noticeCode?: string | null;
};

type Region = "quebec" | "us" | "canada";
const regionOf = (country: string, region: string | null): Region =>
  country === "US" ? "us" : country === "CA" && region === "QC" ? "quebec" : "canada";

/** The notice's languages in order: French first in Québec, else the person's language first. */
export function noticeLocales(language: string, country: string, region: string | null): [Locale, Locale] {
  const first: Locale = regionOf(country, region) === "quebec" || language === "fr" ? "fr" : "en";
  return first === "fr" ? ["fr", "en"] : ["en", "fr"];
}

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, "");
export const noticeLinks = (publicUrl: string) => ({
  home: `${base(publicUrl)}/`,
  verify: `${base(publicUrl)}/verify`,
});
const hostOf = (publicUrl: string) => new URL(publicUrl).host;

const p = (...parts: Inline[]): Block => ({ t: "p", parts });
const link = (href: string): Inline => ({ href });

function subjectOf(n: NoticeInput, l: Locale): string {
  const m = noticeMessages[l];
  const key =
    n.kind === "companion_contact"
      ? "subjectContact"
      : n.kind === "reminder_30" || n.kind === "reminder_7"
        ? "subjectReminder"
        : regionOf(n.country, n.region) === "us"
          ? "subjectUs"
          : "subject";
  return format(m[key], { organisation: n.incident.organisation });
}

/** The closing every kind shares: how to tell it from phishing, whom to call. */
function closing(n: NoticeInput, l: Locale): Block[] {
  const m = noticeMessages[l];
  return [
    p(format(m.safety, { host: hostOf(n.publicUrl) })),
    p(format(m.callUs, { phone: formatPhone(n.incident.supportPhone, l) })),
    p(format(m.signature, { organisation: n.incident.organisation })),
  ];
}

function contactSection(n: NoticeInput, l: Locale): Block[] {
  const m = noticeMessages[l];
  const about = {
    organisation: n.incident.organisation,
    incident: l === "fr" ? n.incident.titleFr : n.incident.titleEn,
  };
  return [
    { t: "title", text: format(m.titleContact, about) },
    p(m.greetingContact),
    p(format(m.contactBody, about)),
    p(link(noticeLinks(n.publicUrl).home)),
    p(format(m.contactWhy, about)),
    ...closing(n, l),
  ];
}

function reminderSection(n: NoticeInput, l: Locale): Block[] {
  const m = noticeMessages[l];
  const i = n.incident;
  const date = formatDate(i.enrolBy, l);
  return [
    { t: "title", text: format(m.titleReminder, { date }) },
    p(format(m.greeting, { name: n.name })),
    p(format(m.reminderIntro, { organisation: i.organisation, incident: l === "fr" ? i.titleFr : i.titleEn, date })),
    p(format(m.reminderHow, { term: i.monitoringTermMonths })),
    p(link(noticeLinks(n.publicUrl).verify)),
    ...(n.noticeCode ? [p(m.letterCode), { t: "code", text: n.noticeCode } as Block] : []),
    ...closing(n, l),
  ];
}

function complaintRoute(i: NoticeIncident, l: Locale): string | null {
  const parts = [i.privacyEmail, i.privacyPhone ? formatPhone(i.privacyPhone, l) : null, i.privacyAddress];
  const present = parts.filter((x): x is string => Boolean(x));
  return present.length ? present.join(", ") : null;
}

/** initial and companion: the full notice. */
function fullSection(n: NoticeInput, l: Locale): Block[] {
  const m = noticeMessages[l];
  const i = n.incident;
  const region = regionOf(n.country, n.region);
  const names = n.categories.map((c) => CATEGORY_NAMES[c][l]);
  const notInvolved = i.notExposed.filter(isNotExposedCode).map((c) => NOT_EXPOSED_NAMES[c][l]);
  const links = noticeLinks(n.publicUrl);
  const regulator = region === "us" ? m.regulatorUs : region === "quebec" ? m.regulatorQuebec : m.regulatorCanada;
  const route = complaintRoute(i, l);
  const steps = l === "fr" ? i.stepsTakenFr : i.stepsTakenEn;
  return [
    { t: "title", text: region === "us" ? m.titleUs : m.title },
    p(format(m.greeting, { name: n.name })),
    p(format(m.intro, { organisation: i.organisation, incident: l === "fr" ? i.titleFr : i.titleEn })),
    ...(n.kind === "companion" ? [p(m.companionIntro)] : []),
    { t: "h", text: m.whatHappened },
    p(l === "fr" ? i.summaryFr : i.summaryEn),
    p(
      format(m.when, {
        from: formatDate(i.exposureFrom, l),
        to: formatDate(i.exposureTo, l),
        detected: formatDate(i.detectedOn, l),
      }),
    ),
    { t: "h", text: m.whatInvolved },
    ...(names.length ? [p(m.yourCategories), { t: "list", items: names } as Block] : [p(m.noCategories)]),
    ...(notInvolved.length ? [p(m.notInvolved), { t: "list", items: notInvolved } as Block] : []),
    { t: "h", text: m.whatWeDo },
    ...(steps ? [p(steps)] : []),
    p(format(m.monitoringOffer, { term: i.monitoringTermMonths, date: formatDate(i.enrolBy, l) })),
    { t: "h", text: m.whatYouCan },
    p(m.seeYours),
    p(link(links.verify)),
    ...(n.noticeCode ? [p(m.letterCode), { t: "code", text: n.noticeCode } as Block] : []),
    ...(n.rewardsUrl ? [p(m.rewards), p(link(n.rewardsUrl))] : []),
    ...(n.sharedBooking ? [p(m.companionWarning)] : []),
    ...(region === "us" ? [p(m.usFreeze), p(m.usFraudAlert)] : [p(m.caCredit)]),
    { t: "h", text: m.moreInfo },
    p(route ? format(m.complaint, { route, regulator }) : format(m.complaintNoOffice, { regulator })),
    ...closing(n, l),
  ];
}

/** The whole notice: subject (both languages, no personal data) and one section per language. */
export function buildNotice(n: NoticeInput): NoticeDocument {
  const langs = noticeLocales(n.language, n.country, n.region);
  const section = (l: Locale): Block[] =>
    n.kind === "companion_contact"
      ? contactSection(n, l)
      : n.kind === "reminder_30" || n.kind === "reminder_7"
        ? reminderSection(n, l)
        : fullSection(n, l);
  return {
    subject: `${subjectOf(n, langs[0])} / ${subjectOf(n, langs[1])}`,
    sections: langs.map((lang) => ({ lang, blocks: section(lang) })),
  };
}
