import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "./csv";

// Who to try the portal with: the demo bundle's travellers, for the README and `npm run demo:list`.
// Reads the (small) demo bundle whole; not for real bundles.

export const DEMO_BUNDLE_DIR = "demo/bundle";

export type DemoTraveller = {
  bookingRef: string | null;
  familyName: string;
  givenName: string;
  dateOfBirth: string;
  note: string;
};

function rows(dir: string, file: string): string[][] {
  return parseCsv(readFileSync(join(dir, file), "utf8"))
    .slice(1)
    .map((r) => r.fields);
}

/** The fixed edge-case travellers first, then the bookers of the next `extra` bookings. */
export function listDemoTravellers(dir = DEMO_BUNDLE_DIR, extra = 4): DemoTraveller[] {
  const people = new Map(rows(dir, "people.csv").map((f) => [f[0]!, f]));
  const bookingsOf = new Map<string, string[]>();
  const bookingOrder: string[] = [];
  const bookers = new Map<string, string>();
  for (const [ref, id, role] of rows(dir, "bookings.csv")) {
    if (!ref || !id) continue;
    if (!bookingsOf.has(id)) bookingsOf.set(id, []);
    bookingsOf.get(id)!.push(ref);
    if (role === "booker") {
      bookers.set(ref, id);
      bookingOrder.push(ref);
    }
  }
  const describePerson = (id: string): string => {
    const p = people.get(id)!;
    const notes: string[] = [];
    const born = Number(p[3]!.slice(0, 4));
    if (born > new Date().getUTCFullYear() - 18) notes.push("minor");
    if (!p[4]) notes.push("no email");
    const refs = bookingsOf.get(id) ?? [];
    if (refs.length > 1) notes.push(`on ${refs.join(" and ")}`);
    if (refs.length === 0) notes.push(`rewards member ${p[10]}, on no booking`);
    notes.push(p[6] === "fr" ? "French" : "English");
    return notes.join("; ");
  };
  const out: DemoTraveller[] = [];
  const add = (ref: string | null, id: string) => {
    const p = people.get(id);
    if (!p) return;
    out.push({ bookingRef: ref, familyName: p[2]!, givenName: p[1]!, dateOfBirth: p[3]!, note: describePerson(id) });
  };
  // The fixtures: everyone on the first two bookings, then rewards-only members among the first people.
  const [first, second] = bookingOrder;
  for (const ref of [first, second]) {
    if (!ref) continue;
    for (const [id, refs] of bookingsOf) if (refs[0] === ref) add(ref, id);
  }
  for (const [id] of [...people].slice(0, 12)) if (!bookingsOf.has(id)) add(null, id);
  for (const ref of bookingOrder.slice(2, 2 + extra)) add(ref, bookers.get(ref)!);
  return out;
}

export function demoTable(travellers: DemoTraveller[]): string {
  const lines = ["| Booking ref | Last name | Date of birth | Given name | Notes |", "| --- | --- | --- | --- | --- |"];
  for (const t of travellers) {
    lines.push(`| ${t.bookingRef ?? "—"} | ${t.familyName} | ${t.dateOfBirth} | ${t.givenName} | ${t.note} |`);
  }
  return lines.join("\n");
}
