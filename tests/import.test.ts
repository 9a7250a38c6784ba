import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { bookingPassengers, bookings, people } from "@/db/schema";
import { parseCsv } from "@/lib/bundle/csv";
import { importBundle } from "@/lib/bundle/import";
import { bookingRefAad } from "@/lib/bundle/protect";
import { emailIndex, passengerLookupIndex, rewardsIndex } from "@/lib/crypto/blind-index";
import { openExposureDetail } from "@/lib/crypto/exposure-detail";
import { aadFor, decryptField } from "@/lib/crypto/field-encryption";
import { openPersonal, personalAad } from "@/lib/crypto/personal-details";
import { readCurrentIncident } from "@/lib/incident/current";
import { copyOf, DEMO_BUNDLE, generatedBundle, removeTempDirs, tableCounts } from "./helpers/bundle-fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// A good bundle: counts, re-import, additive import, encryption and lookups. Runs on PGlite and PostgreSQL.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.destroy();
  removeTempDirs();
});

const csvRows = (dir: string, file: string) =>
  parseCsv(readFileSync(join(dir, file), "utf8"))
    .slice(1)
    .map((r) => r.fields);
const INCIDENT = "2025-06-cyber-incident";

function expectedCounts(dir: string) {
  const b = csvRows(dir, "bookings.csv");
  return {
    people: csvRows(dir, "people.csv").length,
    bookings: new Set(b.map((r) => r[0])).size,
    passengers: b.length,
    exposures: csvRows(dir, "exposures.csv").length,
    skipped: 0,
  };
}

describe("importing the demo bundle", () => {
  it("adds every row, then nothing on a second run", async () => {
    const expected = expectedCounts(DEMO_BUNDLE);
    expect(expected.people).toBe(300);
    expect(await importBundle(t, DEMO_BUNDLE)).toEqual(expected);
    const after = await tableCounts(t);
    expect(after).toEqual({
      incidents: 1,
      people: 300,
      bookings: expected.bookings,
      booking_passengers: expected.passengers,
      exposures: expected.exposures,
    });

    expect(await importBundle(t, DEMO_BUNDLE)).toEqual({
      people: 0,
      bookings: 0,
      passengers: 0,
      exposures: 0,
      skipped: 0,
    });
    expect(await tableCounts(t)).toEqual(after);
  });

  it("keeps the incident's optional details, and fills them in for an incident imported without them", async () => {
    const bare = copyOf(DEMO_BUNDLE);
    const file = JSON.parse(readFileSync(join(bare, "incident.json"), "utf8"));
    const { provider, ...monitoring } = file.monitoring;
    const { steps_taken, privacy_office, ...rest } = file;
    writeFileSync(join(bare, "incident.json"), JSON.stringify({ ...rest, monitoring }));
    const other = await createTestDatabase();
    try {
      await importBundle(other, bare);
      const before = await readCurrentIncident(other.db);
      expect(before).toMatchObject({ organisation: file.organisation, provider: null, stepsTaken: null });
      expect(before?.privacyOffice).toBeNull();
      // The same incident again, now with its optional details: nothing else changes, the details are added.
      expect((await importBundle(other, DEMO_BUNDLE)).people).toBe(0);
      const after = await readCurrentIncident(other.db);
      expect(after).toEqual({
        ...before,
        provider: {
          name: provider.name,
          activationUrl: provider.activation_url,
          phone: provider.phone,
          activateWithinDays: provider.activate_within_days,
        },
        stepsTaken: steps_taken,
        privacyOffice: privacy_office,
      });
    } finally {
      await other.destroy();
    }
  });

  it("stores no plaintext personal data, and every encrypted value opens to the CSV value", async () => {
    const csv = new Map(csvRows(DEMO_BUNDLE, "people.csv").map((f) => [f[0]!, f]));
    const stored = await t.db.select().from(people).where(eq(people.incidentId, INCIDENT));
    expect(stored).toHaveLength(300);
    for (const p of stored) {
      const f = csv.get(p.externalId)!;
      const row = JSON.stringify(p);
      for (const secret of [f[3], f[4], f[5], f[9], f[10]]) if (secret) expect(row).not.toContain(secret);
      expect(openPersonal(p.personalEnc, INCIDENT, p.externalId)).toEqual({
        dateOfBirth: f[3],
        email: f[4] || null,
        phone: f[5] || null,
        address: f[9] || null,
        rewardsId: f[10] || null,
      });
      expect(p.emailBidx).toBe(f[4] ? emailIndex(f[4]) : null);
      expect(p.rewardsBidx).toBe(f[10] ? rewardsIndex(f[10]) : null);
      expect([p.givenName, p.familyName, p.language, p.country, p.region ?? ""]).toEqual([
        f[1],
        f[2],
        f[6],
        f[7],
        f[8],
      ]);
    }
    // The AAD binds each value to its own person and column.
    const [a, b] = stored;
    expect(() => decryptField(a!.personalEnc, personalAad(INCIDENT, b!.externalId))).toThrow();
    expect(() => decryptField(a!.personalEnc, aadFor("people", "dob", `${INCIDENT}:${a!.externalId}`))).toThrow();
  });

  it("stores each exposure hint encrypted, bound to its person and category, in both load modes", async () => {
    const check = async (dir: string, incident: string) => {
      const csv = csvRows(dir, "exposures.csv").filter((f) => f[2]);
      expect(csv.length).toBeGreaterThan(0);
      const stored = rowsOf<{ ext: string; category: string; detail_enc: string | null }>(
        await t.db.execute(sql`select p.external_id as ext, e.category, e.detail_enc
          from exposures e join people p on p.id = e.person_id where p.incident_id = ${incident}`),
      );
      const byKey = new Map(stored.map((r) => [`${r.ext}/${r.category}`, r.detail_enc]));
      const lengths = new Set<number>();
      for (const [ext, category, detail] of csv) {
        const enc = byKey.get(`${ext}/${category}`)!;
        expect(enc).not.toContain(detail!);
        expect(openExposureDetail(enc, incident, ext!, category!)).toBe(detail);
        expect(() => openExposureDetail(enc, incident, ext!, "full_name")).toThrow();
        lengths.add(enc.length);
      }
      // Padded: hints of different lengths ("Passport ending 4821", "YUL-LHR on 2024-12-09") look alike.
      expect(lengths.size).toBe(1);
      expect(JSON.stringify(stored)).not.toMatch(/ending \d/);
    };
    await check(DEMO_BUNDLE, INCIDENT);
    const bulk = await generatedBundle(60, 41);
    const incident = JSON.parse(readFileSync(join(bulk, "incident.json"), "utf8")).incident_id as string;
    await t.db.execute(
      sql`delete from exposures where person_id in (select id from people where incident_id = ${incident})`,
    );
    await importBundle(t, bulk, { mode: "bulk", workers: 2 });
    await check(bulk, incident);
  });

  it("finds Côté by booking reference and last name typed loosely", async () => {
    const found = await t.db
      .select({
        given: people.givenName,
        family: people.familyName,
        role: bookingPassengers.role,
        refEnc: bookings.refEnc,
      })
      .from(bookingPassengers)
      .innerJoin(people, eq(people.id, bookingPassengers.personId))
      .innerJoin(bookings, eq(bookings.id, bookingPassengers.bookingId))
      .where(eq(bookingPassengers.lookupBidx, passengerLookupIndex("5bap b6", "cote")));
    expect(found.map((r) => r.given).sort()).toEqual(["Jérôme", "Zoé", "Émilie"].sort());
    expect(found.find((r) => r.given === "Émilie")?.role).toBe("booker");
    expect(decryptField(found[0]!.refEnc, bookingRefAad(INCIDENT, "5BAPB6"))).toBe("5BAPB6");
    for (const [ref, name, given] of [
      ["7KD4MX", "DE LA FONTAINE", "Hélène"],
      ["7kd4mx", "nguyen", "Minh"],
      ["5BAPB6", "obrien", "Siobhan"],
    ] as const) {
      const hits = await t.db
        .select({ given: people.givenName })
        .from(bookingPassengers)
        .innerJoin(people, eq(people.id, bookingPassengers.personId))
        .where(eq(bookingPassengers.lookupBidx, passengerLookupIndex(ref, name)));
      expect(hits.map((h) => h.given)).toContain(given);
    }
  });

  it("keeps a person on several bookings as one person", async () => {
    const [emilie] = await t.db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.incidentId, INCIDENT), eq(people.externalId, "W00000001")));
    const rows = await t.db
      .select({ bookingId: bookingPassengers.bookingId })
      .from(bookingPassengers)
      .where(eq(bookingPassengers.personId, emilie!.id));
    expect(rows).toHaveLength(2);
  });
});

describe("a later, larger bundle", () => {
  it("adds only what is new, in both load modes", async () => {
    const small = await generatedBundle(250, 21);
    const large = await generatedBundle(700, 21);
    const other = await createTestDatabase();
    try {
      // The first import runs in bulk mode with worker threads; the second adds to it normally.
      const first = await importBundle(other, small, { mode: "bulk", workers: 2 });
      expect(first).toEqual(expectedCounts(small));
      const second = await importBundle(other, large, { workers: 2 });
      const total = expectedCounts(large);
      expect(second.people).toBe(total.people - first.people);
      expect(first.passengers + second.passengers).toBe(total.passengers);
      expect(first.bookings + second.bookings).toBe(total.bookings);
      expect(first.exposures + second.exposures).toBe(total.exposures);
      expect(await tableCounts(other)).toEqual({
        incidents: 1,
        people: 700,
        bookings: total.bookings,
        booking_passengers: total.passengers,
        exposures: total.exposures,
      });
      // Bulk mode put back every index and foreign key it set aside.
      const [schema] = rowsOf<{ indexes: number; fks: number }>(
        await other.db.execute(sql`select
          (select count(*) from pg_indexes where tablename in ('people', 'bookings', 'booking_passengers', 'exposures')) as indexes,
          (select count(*) from pg_constraint where contype = 'f' and conrelid in ('people'::regclass, 'bookings'::regclass, 'booking_passengers'::regclass, 'exposures'::regclass)) as fks`),
      );
      expect({ indexes: Number(schema!.indexes), fks: Number(schema!.fks) }).toEqual({ indexes: 10, fks: 6 });
    } finally {
      await other.destroy();
    }
  });
});
