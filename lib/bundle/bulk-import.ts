import "server-only";
import { type BulkRestore, finishBulkLoad, restorableWith } from "@/db/queries/import-bulk";
import {
  applyBookingRules,
  applyExposureRules,
  applyPeopleRules,
  type RuleTimer,
  rejectedPeopleLines,
} from "@/db/queries/import-stage";
import {
  insertBookingsBulk,
  insertExposuresBulk,
  insertIncident,
  insertPassengersResolved,
  raisePeopleIdCeiling,
  takePeopleIdBase,
} from "@/db/queries/import-write";
import { type PassContext, stageExposuresDirect, stageFile } from "./check-pass";
import type { ImportCounts } from "./import";
import type { IncidentFile } from "./incident";
import { PersonIndexBuilder } from "./person-index";
import { Spool } from "./spool";
import type { Verdict } from "./staged-import";
import { addPassengers, drainSpool, LineSet, loadPeopleSkips, spoolPeople } from "./write-pass";

// Bulk mode: a large first import of an incident, with the tables' foreign keys and secondary indexes set aside
// (db/queries/import-bulk.ts). The order is chosen so that the two halves of the work overlap: worker threads
// encrypt people into a spool from the start, while the database stages and checks the bundle and loads
// exposures, bookings and passengers; the people rows are copied in last, then the rest of the indexes and keys.
//
// people.csv is checked first, and its valid people make a person index (person-index.ts) that lets the
// workers place exposures and passengers themselves: exposures go straight into their table (no staging, no
// join), passengers get their lookup index on the workers. Whatever the index cannot place is staged and goes
// through the usual rules; a duplicated (person, category) among the placed rows shows up as the primary key
// failing to come back, and then exposures are staged like everything else.

export type BulkArgs = {
  restore: BulkRestore;
  incident: IncidentFile;
  decide: () => Promise<Verdict>;
  onRule?: RuleTimer;
  personIndex: boolean;
};

export async function bulkImport(ctx: PassContext, args: BulkArgs): Promise<ImportCounts> {
  const { s, progress, incidentId } = ctx;
  const restoreStep = (step: string, loaded: string[]) =>
    progress.time("write", `${step} (indexes and keys)`, () => finishBulkLoad(s, args.restore, restorableWith(loaded)));
  const idBase = await takePeopleIdBase(s);

  let cancelled = false;
  const spool = await Spool.create();
  const spooling = spoolPeople(ctx, spool, idBase, () => cancelled);
  spooling.catch(() => {});
  try {
    const keys = args.personIndex ? new PersonIndexBuilder() : undefined;
    const badPeople = await stageFile(ctx, "people", keys ? { indexed: { idBase, keys } } : {});
    // With the index's keys in hand, the duplicate rules only run if a duplicate is possible at all (the
    // keys only cover valid rows, and a bad row's person_id counts too, so only when no row was bad).
    const needed = keys && badPeople === 0 ? keys.mayHaveDuplicates() : { ids: true, rewards: true };
    await progress.time("check", "people rules", () => applyPeopleRules(s, incidentId, false, args.onRule, needed));
    const rejected = new LineSet();
    if (keys && (needed.ids || needed.rewards))
      for await (const page of rejectedPeopleLines(s)) for (const line of page) rejected.add(line);
    const index = keys ? await progress.time("check", "person index", async () => keys.build(rejected)) : null;
    if (index) await ctx.runner.setPersonIndex(index);

    await stageFile(ctx, "bookings", index ? { indexed: { idBase } } : {});
    let directExposures: number | null = null;
    if (index) directExposures = await tryExposuresDirect(ctx, args.restore, idBase);
    if (directExposures === null) await stageFile(ctx, "exposures");
    await progress.time("check", "booking and exposure rules", async () => {
      await applyBookingRules(s, incidentId, args.onRule);
      await applyExposureRules(s, incidentId, args.onRule);
    });
    const verdict = await args.decide();

    await insertIncident(s, args.incident);
    await raisePeopleIdCeiling(s, idBase + verdict.maxPeopleLine);
    const added: ImportCounts = { people: 0, bookings: 0, passengers: 0, exposures: 0, skipped: verdict.rejected };
    added.bookings = await progress.time("write", "bookings", () => insertBookingsBulk(s, incidentId));
    await restoreStep("bookings", ["bookings"]);
    if (directExposures === null) {
      added.exposures = await progress.time("write", "exposures", () => insertExposuresBulk(s, idBase));
      await restoreStep("exposures", ["bookings", "exposures"]);
    } else {
      added.exposures = directExposures;
    }
    if (index) {
      added.passengers = await progress.time("write", "passengers", async () => {
        const r = await insertPassengersResolved(s, incidentId, idBase);
        // Every valid booking row was placed by the index (the incident had no people before this import).
        if (r.added !== r.expected) throw new Error(`passengers: ${r.added} added of ${r.expected}`);
        return r.added;
      });
    } else {
      added.passengers = await addPassengers(ctx, idBase);
    }
    await restoreStep("passengers", ["bookings", "exposures", "booking_passengers"]);
    const skip = verdict.rejected > 0 ? await loadPeopleSkips(ctx) : new LineSet();
    // From here the database waits for the encrypted people: they may have every thread.
    ctx.runner.setBackgroundLimit(ctx.runner.size);
    added.people = await drainSpool(ctx, spool, idBase, skip);
    await spooling;
    await progress.time("write", "people (indexes and keys)", () => finishBulkLoad(s, args.restore));
    return added;
  } finally {
    cancelled = true;
    await ctx.runner.setPersonIndex(null);
    await spooling.catch(() => {});
    await spool.dispose();
  }
}

/**
 * Exposures straight into their table, then their primary key back (which checks for a duplicated category).
 * Returns the rows copied, or null (everything undone) if the key found a duplicate.
 */
async function tryExposuresDirect(ctx: PassContext, restore: BulkRestore, idBase: number): Promise<number | null> {
  const { s, progress } = ctx;
  const definitions = [...restore.definitions];
  try {
    return await s.savepoint(async (sp) => {
      const copied = await stageExposuresDirect({ ...ctx, s: sp }, idBase);
      await progress.time("check", "exposures (indexes and keys)", () =>
        finishBulkLoad(sp, restore, restorableWith(["exposures"])),
      );
      return copied;
    });
  } catch (err) {
    if ((err as { code?: string }).code !== "23505") throw err;
    restore.definitions = definitions;
    return null;
  }
}
