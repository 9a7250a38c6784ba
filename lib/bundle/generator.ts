import { once } from "node:events";
import { createWriteStream, mkdirSync, type WriteStream, writeFileSync } from "node:fs";
import { join } from "node:path";
import { csvLine } from "./csv";
import { BOOKING_COLUMNS, BUNDLE_FORMAT, EXPOSURE_COLUMNS, PEOPLE_COLUMNS } from "./format";
import {
  FAMILY_NAMES,
  FIXTURE_BOOKINGS,
  FIXTURE_PEOPLE,
  type FixturePerson,
  GIVEN_NAMES,
  STREETS,
} from "./generator-data";

// Writes a synthetic breach bundle of any size, the same for the same seed (tests, the benchmark, the demo
// bundle). Every name, address and number is invented; emails use reserved example domains and phone numbers
// the 555-01xx fiction range. Streams its output, so memory does not depend on the size.
//
// Prefix-stable: the first N people of a larger bundle with the same seed are the N people of a smaller one
// (only the last booking may gain passengers), so a later, larger bundle is an additive update of an earlier one.
// Unless `edgeCases` is off, every bundle starts with fixed travellers (generator-data.ts) whose details the
// tests and the demo rely on: Côté, O'Brien, de la Fontaine and Nguyễn families, a minor without email, a person
// on two bookings and rewards members on no booking.

export type GenerateOptions = {
  people: number;
  seed: number;
  out: string;
  incidentId?: string;
  edgeCases?: boolean;
};

export type GenerateCounts = { people: number; bookings: number; bookingRows: number; exposures: number };

/** xoshiro128** seeded through splitmix32: fast, small state, good enough for test data. */
function random(seed: number): () => number {
  let x = seed >>> 0;
  const split = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}
const rotl = (v: number, k: number) => ((v << k) | (v >>> (32 - k))) >>> 0;

const REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // 32 symbols, no I or O: 32^6 = 2^30 references

/** A bijection on 30-bit integers, so counter n gives a distinct, scattered booking reference. */
function permute30(n: number, key: number): number {
  const M = 0x3fffffff;
  let v = (n ^ key) & M;
  v = Math.imul(v, 0x2c1b3c6d) & M;
  v ^= v >>> 15;
  v = Math.imul(v, 0x297a2d39) & M;
  v ^= v >>> 13;
  return (v ^ (key >>> 2)) & M;
}

function refFor(n: number, key: number): string {
  let v = permute30(n, key);
  let s = "";
  for (let i = 0; i < 6; i++) {
    s += REF_ALPHABET[v & 31];
    v >>>= 5;
  }
  return s;
}

/**
 * Nine unique digits per n: cycle-walking the 30-bit permutation within [1000, 10^9) (below is for fixtures).
 * Cycle-walking is only a bijection for inputs inside that range, hence the offset.
 */
function rewardsFor(n: number, key: number): string {
  let v = permute30(n + 1000, key ^ 0x155555);
  while (v >= 1e9 || v < 1000) v = permute30(v, key ^ 0x155555);
  return `WS${String(v).padStart(9, "0")}`;
}

const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();

class Out {
  private readonly w: WriteStream;
  constructor(path: string, header: readonly string[]) {
    this.w = createWriteStream(path);
    this.w.write(csvLine(header));
  }
  async row(values: readonly string[]): Promise<void> {
    if (!this.w.write(csvLine(values))) await once(this.w, "drain");
  }
  end(): Promise<void> {
    return new Promise((resolve, reject) => this.w.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

const REFERENCE_DAY = Date.UTC(2025, 5, 13); // the incident's detection date
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export async function generateBundle(opts: GenerateOptions): Promise<GenerateCounts> {
  const rnd = random(opts.seed * 7919 + 17);
  const key = Math.floor(random(opts.seed + 1)() * 0x3fffffff);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const digits = (n: number) => Array.from({ length: n }, () => between(0, 9)).join("");
  const incidentId = opts.incidentId ?? "2025-06-cyber-incident";

  mkdirSync(opts.out, { recursive: true });
  const people = new Out(join(opts.out, "people.csv"), PEOPLE_COLUMNS);
  const bookings = new Out(join(opts.out, "bookings.csv"), BOOKING_COLUMNS);
  const exposures = new Out(join(opts.out, "exposures.csv"), EXPOSURE_COLUMNS);
  const counts: GenerateCounts = { people: 0, bookings: 0, bookingRows: 0, exposures: 0 };

  let personNo = 0;
  let refNo = 0;
  let rewardsNo = 0;
  const fixtureRefs = new Set(FIXTURE_BOOKINGS.map((b) => b.ref));
  const nextRef = () => {
    for (;;) {
      const r = refFor(refNo++, key);
      if (!fixtureRefs.has(r)) return r;
    }
  };

  const writeExposures = async (p: FixturePerson & { id: string }, trip: { route: string; date: string } | null) => {
    const rows: Array<[string, string]> = [["full_name", ""]];
    if (chance(0.85)) rows.push(["date_of_birth", ""]);
    if ((p.email || p.phone) && chance(0.9)) {
      rows.push([
        "contact_info",
        p.email && p.phone ? "Email address and phone number" : p.email ? "Email address" : "Phone number",
      ]);
    }
    if (p.address && chance(0.85)) rows.push(["mailing_address", `Address on file in ${p.region || p.country}`]);
    if (chance(0.5))
      rows.push([
        "travel_document",
        `${pick(["Passport", "Passport", "Passport", "NEXUS card", "Permanent resident card"])} ending ${digits(4)}`,
      ]);
    if (trip && chance(0.8)) rows.push(["itinerary", `${trip.route} on ${trip.date}`]);
    if (chance(0.07))
      rows.push([
        "accommodation_request",
        pick(["Wheelchair assistance", 'Special meal ("vegetarian")', "Travelling with an infant", "Service animal"]),
      ]);
    if (!p.minor && chance(0.05))
      rows.push(["complaint", `Complaint about ${pick(["baggage", "a delay", "a refund", "seating"])}`]);
    if (p.rewards && chance(0.9))
      rows.push(["rewards_account", `Member ID ending ${p.rewards.slice(-4)} and points balance`]);
    if (p.rewards && chance(0.12))
      rows.push(["cobrand_card_account", "Co-branded card account details (no card number, expiry or CVV)"]);
    for (const [category, detail] of rows) {
      await exposures.row([p.id, category, detail]);
      counts.exposures++;
    }
  };

  const writePerson = async (p: FixturePerson, trip: { route: string; date: string } | null) => {
    const id = `W${String(++personNo).padStart(8, "0")}`;
    await people.row([
      id,
      p.given,
      p.family,
      p.dob,
      p.email,
      p.phone,
      p.language,
      p.country,
      p.region,
      p.address,
      p.rewards,
    ]);
    counts.people++;
    await writeExposures({ ...p, id }, trip);
    return id;
  };

  const randomPerson = (family: string, minor: boolean, region: [string, string]): FixturePerson => {
    const given = pick(GIVEN_NAMES);
    const [country, prov] = region;
    const age = minor ? between(0, 17) : between(18, 88);
    const dob = isoDay(REFERENCE_DAY - (age * 365.25 + between(0, 364)) * 864e5);
    const n = personNo + 1;
    const email =
      minor || chance(0.05)
        ? ""
        : `${ascii(given)}.${ascii(family)}${n}@${pick(["example.com", "example.ca", "example.org", "example.net"])}`;
    const phone =
      minor || chance(0.3) ? "" : `+1-${pick(["403", "587", "604", "416", "514", "902", "204"])}-555-01${digits(2)}`;
    const address = chance(0.6)
      ? chance(0.15)
        ? `Apt ${between(1, 40)}, ${between(1, 9999)} ${pick(STREETS)}`
        : `${between(1, 9999)} ${pick(STREETS)}`
      : "";
    const rewards = !minor && chance(0.35) ? rewardsFor(rewardsNo++, key) : "";
    const language = prov === "QC" ? (chance(0.8) ? "fr" : "en") : country === "FR" ? "fr" : chance(0.03) ? "fr" : "en";
    return { given, family, dob, email, phone, language, country, region: prov, address, rewards, minor };
  };

  const remaining = () => opts.people - counts.people;
  const recent: string[] = []; // bookers of recent bookings, some of whom travel again

  if (opts.edgeCases !== false) {
    const ids = new Map<string, string>();
    for (const fixture of FIXTURE_PEOPLE) {
      if (remaining() <= 0) break;
      const trip = FIXTURE_BOOKINGS.find((b) => b.people.includes(fixture.key)) ?? null;
      ids.set(fixture.key, await writePerson(fixture, trip ? { route: trip.route, date: trip.date } : null));
    }
    for (const b of FIXTURE_BOOKINGS) {
      const members = b.people.filter((k) => ids.has(k));
      if (!members.length || !ids.has(b.people[0]!)) continue;
      counts.bookings++;
      for (const [i, k] of members.entries()) {
        await bookings.row([b.ref, ids.get(k)!, i === 0 ? "booker" : "companion", b.date, b.route]);
        counts.bookingRows++;
      }
    }
  }

  const REGIONS: Array<[[string, string], number]> = [
    [["CA", "AB"], 18],
    [["CA", "BC"], 16],
    [["CA", "ON"], 24],
    [["CA", "QC"], 13],
    [["CA", "MB"], 4],
    [["CA", "SK"], 4],
    [["CA", "NS"], 3],
    [["CA", "NB"], 2],
    [["CA", "NL"], 1],
    [["US", "WA"], 2],
    [["US", "CA"], 2],
    [["US", "FL"], 2],
    [["GB", ""], 1],
    [["MX", ""], 1],
    [["FR", ""], 1],
  ];
  const total = REGIONS.reduce((s, [, w]) => s + w, 0);
  const region = (): [string, string] => {
    let r = rnd() * total;
    for (const [v, w] of REGIONS) {
      r -= w;
      if (r < 0) return v;
    }
    return REGIONS[0]![0];
  };
  const AIRPORTS = [
    "YYC",
    "YVR",
    "YYZ",
    "YUL",
    "YEG",
    "YWG",
    "YHZ",
    "YOW",
    "YQB",
    "LAS",
    "LAX",
    "MCO",
    "CUN",
    "LHR",
    "CDG",
    "PVR",
    "HNL",
    "DUB",
  ];

  while (remaining() > 0) {
    if (chance(0.03)) {
      // A rewards member whose data came from the loyalty system: on no booking.
      const p = randomPerson(pick(FAMILY_NAMES), false, region());
      await writePerson({ ...p, rewards: p.rewards || rewardsFor(rewardsNo++, key) }, null);
      continue;
    }
    // Draw everything before truncating to what is left, so a smaller bundle is a prefix of a larger one.
    const drawn = pick([1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 6]);
    const size = Math.min(remaining(), drawn);
    const family = pick(FAMILY_NAMES);
    const household = chance(0.6) && drawn > 1;
    const home = region();
    const ref = nextRef();
    const from = pick(AIRPORTS);
    let to = pick(AIRPORTS);
    if (to === from) to = from === "YYC" ? "YVR" : "YYC";
    const trip = { route: `${from}-${to}`, date: isoDay(REFERENCE_DAY - between(0, 900) * 864e5) };
    counts.bookings++;
    const members: string[] = [];
    for (let k = 0; k < size; k++) {
      const minor = household && k > 0 && chance(0.4);
      const id = await writePerson(randomPerson(household ? family : pick(FAMILY_NAMES), minor, home), trip);
      await bookings.row([ref, id, k === 0 ? "booker" : "companion", trip.date, trip.route]);
      counts.bookingRows++;
      members.push(id);
    }
    // Some travellers were on an earlier booking too.
    if (recent.length && chance(0.15)) {
      const again = pick(recent);
      if (!members.includes(again)) {
        await bookings.row([ref, again, "companion", trip.date, trip.route]);
        counts.bookingRows++;
      }
    }
    recent.push(members[0]!);
    if (recent.length > 200) recent.shift();
  }

  await Promise.all([people.end(), bookings.end(), exposures.end()]);
  writeFileSync(join(opts.out, "incident.json"), `${JSON.stringify(incidentFile(incidentId), null, 2)}\n`);
  return counts;
}

export function incidentFile(incidentId: string) {
  return {
    format: BUNDLE_FORMAT,
    incident_id: incidentId,
    organisation: "WestJet",
    title: { en: "June 2025 cybersecurity incident", fr: "Incident de cybersécurité de juin 2025" },
    detected_on: "2025-06-13",
    exposure_window: { from: "2025-06-11", to: "2025-06-13" },
    summary: {
      en: "Someone outside the company got into some of our systems after tricking a support process. They could see some guest and rewards member details. Payment card numbers, card expiry dates, security codes and passwords were not involved.",
      fr: "Une personne externe à l'entreprise a accédé à certains de nos systèmes après avoir trompé un processus de soutien. Elle a pu voir certains renseignements de clients et de membres du programme de récompenses. Les numéros de carte de paiement, les dates d'expiration, les codes de sécurité et les mots de passe n'ont pas été touchés.",
    },
    not_exposed: ["payment_card_number", "card_expiry", "card_cvv", "account_password"],
    monitoring: {
      term_months: 24,
      enrol_by: "2027-09-30",
      provider: {
        name: "Northwind Identity Monitoring",
        activation_url: "https://monitoring.example.com/activate",
        phone: "+1-888-555-0177",
        activate_within_days: 90,
      },
    },
    support_phone: "+1-888-555-0100",
    steps_taken: {
      en: "We secured the affected systems, reset the credentials involved, brought in outside cybersecurity experts, told the police and the privacy regulators, and added protections against tricks aimed at our help desk.",
      fr: "Nous avons sécurisé les systèmes touchés, réinitialisé les identifiants en cause, fait appel à des experts externes en cybersécurité, avisé la police et les autorités de protection des renseignements personnels, et renforcé les protections de notre centre d’assistance contre les tentatives de manipulation.",
    },
    privacy_office: {
      email: "privacy@example.com",
      phone: "+1-888-555-0101",
      address: "Privacy Office, 22 Aerodrome Rd, Calgary AB T2E 0A1",
    },
  };
}
