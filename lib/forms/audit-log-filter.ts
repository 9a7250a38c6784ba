import * as z from "zod/mini";

// The filters of the supervisors' audit log (/agent/audit): a GET form, so they live in the URL and work without
// JavaScript; the server parses the query string with this. Empty fields mean "any". Error messages are message
// keys (agentAuditMessages.formErrors). `before`/`after`: the id of the event a page starts beyond.

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodMiniType>(schema: T) => z.pipe(z.transform(blankToUndefined), z.optional(schema));
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "dateInvalid"), z.refine(validDate, "dateInvalid"));
const eventId = z.string().check(z.regex(/^[1-9]\d{0,17}$/, "invalid"));

function validDate(v: string): boolean {
  const [y, m, d] = v.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const auditLogFilterSchema = z
  .object({
    agent: optional(z.uuid("agentInvalid")),
    person: optional(z.string().check(z.trim(), z.regex(/^[1-9]\d{0,17}$/, "personInvalid"))),
    // Action names are dotted codes ("agent.signed_in"): nothing else can be typed into the log's own record.
    action: optional(z.string().check(z.trim(), z.regex(/^[a-z][a-z0-9_.]{0,63}$/, "actionInvalid"))),
    from: optional(isoDate),
    to: optional(isoDate),
    before: optional(eventId),
    after: optional(eventId),
  })
  .check(z.refine((v) => !v.from || !v.to || v.from <= v.to, { message: "rangeInvalid", path: ["to"] }));
