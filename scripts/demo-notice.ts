import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "@/db/client";
import { findCurrentPersonId } from "@/db/queries/notice-factors";
import { parseCsv } from "@/lib/bundle/csv";
import { DEMO_BUNDLE_DIR } from "@/lib/bundle/demo";
import { env } from "@/lib/env";
import { rewardsLinkPath } from "@/lib/notices/rewards-token";
import { issueRewardsLink } from "@/lib/rewards/link";
import { issueNoticeCode } from "@/lib/verification/letter";

// npm run demo:notice — DEVELOPMENT ONLY. Prints one letter's notice code and one rewards member's link for the
// demo bundle's people, so the letter path (/verify/letter) and the rewards link can be tried without printing
// letters or sending notices. Each run issues a fresh code (replacing the person's last one) and a new link.
// Refused when APP_ENV=production: real codes and links are only ever printed on letters or sent in notices.

if (env().APP_ENV === "production") {
  console.error("demo:notice is for development only (APP_ENV=production).");
  process.exit(2);
}

const rows = (file: string) =>
  parseCsv(readFileSync(join(DEMO_BUNDLE_DIR, file), "utf8"))
    .slice(1)
    .map((r) => r.fields);
const people = rows("people.csv");
const bookings = rows("bookings.csv");
const refOf = new Map(bookings.map(([ref, id]) => [id!, ref!]));
const adult = (dob: string) => Number(dob.slice(0, 4)) <= new Date().getUTCFullYear() - 18;
// person_id, given_name, family_name, date_of_birth, email, …, rewards_id (docs/bundle-format.md)
const letter = people.find((p) => !p[4] && refOf.has(p[0]!) && adult(p[3]!));
const member = people.find((p) => p[10] && !refOf.has(p[0]!)) ?? people.find((p) => p[10]);

const handle = await openDatabase();
try {
  const out: string[] = ["DEVELOPMENT ONLY: a notice code and a rewards link for demo people (all invented).", ""];
  const letterId = letter && (await findCurrentPersonId(handle.db, letter[0]!));
  if (letter && letterId) {
    const code = await issueNoticeCode(handle.db, letterId);
    out.push(
      `Letter path: ${env().PUBLIC_URL}/verify/letter`,
      `  booking reference ${refOf.get(letter[0]!)}, last name ${letter[2]}, date of birth ${letter[3]}, notice code ${code}`,
      "",
    );
  }
  const memberId = member && (await findCurrentPersonId(handle.db, member[0]!));
  if (member && memberId) {
    const token = await issueRewardsLink(handle.db, memberId);
    out.push(
      `Rewards link (${refOf.has(member[0]!) ? "member on a booking" : "member on no booking"}): ${env().PUBLIC_URL}${rewardsLinkPath(token)}`,
      `  confirm the Last name: ${member[2]}`,
    );
  }
  if (out.length === 2) out.push("No demo person found: load the demo bundle first (npm start does).");
  console.log(out.join("\n"));
} finally {
  await handle.close();
}
