import "server-only";
import { applySetRules, type RuleTimer, stageCounts, stagedIssues } from "@/db/queries/import-stage";
import { insertBookings, insertExposures, insertIncident } from "@/db/queries/import-write";
import { type PassContext, stageFile } from "./check-pass";
import { BUNDLE_FILES, FILE_NAMES } from "./format";
import type { ImportCounts } from "./import";
import type { IncidentFile } from "./incident";
import { BundleRejectedError, type IssueLog } from "./issues";
import { addPassengers, copyPeople, loadPeopleSkips } from "./write-pass";

// The general path: any incident, any size, any existing rows. Every file is staged and checked, then written
// additively (people not yet there are copied in; bookings, passengers and exposures are added from staging
// with ON CONFLICT DO NOTHING or "not there yet" filters).

export type Verdict = { rejected: number; maxPeopleLine: number; newPeople: number };

/**
 * After the rules: reports the rejected rows (with skipInvalid, also those that only depend on one) and refuses
 * the bundle if any row is bad and bad rows are not to be skipped.
 */
export async function decide(ctx: PassContext, skipInvalid: boolean, issues: IssueLog): Promise<Verdict> {
  const counts = await stageCounts(ctx.s);
  if (counts.rejected > 0) {
    for await (const issue of stagedIssues(ctx.s, skipInvalid)) {
      issues.add({ file: FILE_NAMES[issue.file], line: issue.line, reason: issue.reason });
    }
  }
  if (counts.intrinsic > 0 && !skipInvalid) throw new BundleRejectedError(issues.count, issues.sample, false);
  return { rejected: counts.rejected, maxPeopleLine: counts.maxPeopleLine, newPeople: counts.newPeople };
}

export type StagedArgs = {
  incident: IncidentFile;
  hasPeople: boolean;
  decide: () => Promise<Verdict>;
  onRule?: RuleTimer;
};

export async function stagedImport(ctx: PassContext, args: StagedArgs): Promise<ImportCounts> {
  const { s, progress, incidentId } = ctx;
  for (const file of BUNDLE_FILES) await stageFile(ctx, file);
  await progress.time("check", "bundle-wide rules", () => applySetRules(s, incidentId, args.hasPeople, args.onRule));
  const verdict = await args.decide();

  await insertIncident(s, args.incident);
  const added: ImportCounts = { people: 0, bookings: 0, passengers: 0, exposures: 0, skipped: verdict.rejected };
  if (verdict.newPeople > 0) added.people = await copyPeople(ctx, await loadPeopleSkips(ctx));
  added.bookings = await progress.time("write", "bookings", () => insertBookings(s, incidentId));
  added.passengers = await addPassengers(ctx, null);
  added.exposures = await progress.time("write", "exposures", () => insertExposures(s, incidentId));
  return added;
}
