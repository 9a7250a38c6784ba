// A bad row, or a bad file: `people.csv:12: date_of_birth is in the future`. Reasons never hold personal data.

export type ImportIssue = { file: string; line: number | null; reason: string };

export const formatIssue = (i: ImportIssue): string =>
  i.line === null ? `${i.file}: ${i.reason}` : `${i.file}:${i.line}: ${i.reason}`;

/** The bundle was refused and nothing was written. `issues` holds the first few, `count` how many there were. */
export class BundleRejectedError extends Error {
  constructor(
    readonly count: number,
    readonly issues: ImportIssue[],
    readonly fatal: boolean,
  ) {
    super(
      fatal
        ? `the bundle cannot be read (${count} problem${count === 1 ? "" : "s"}, first: ${issues[0] ? formatIssue(issues[0]) : "unknown"}); nothing was written`
        : `${count} bad row${count === 1 ? "" : "s"} in the bundle; nothing was written (skip them with --skip-invalid)`,
    );
    this.name = "BundleRejectedError";
  }
}

/** Keeps every issue flowing to `onIssue` and the first `limit` for the error or the caller. */
export class IssueLog {
  readonly sample: ImportIssue[] = [];
  count = 0;

  constructor(
    private readonly onIssue: ((i: ImportIssue) => void) | undefined,
    private readonly limit = 100,
  ) {}

  add(issue: ImportIssue): void {
    this.count++;
    if (this.sample.length < this.limit) this.sample.push(issue);
    this.onIssue?.(issue);
  }
}
