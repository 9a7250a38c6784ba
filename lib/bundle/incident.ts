import { readFile } from "node:fs/promises";
import { z } from "zod";
import { NOT_EXPOSED_CODES } from "@/lib/catalogue/categories";
import { BUNDLE_FORMAT, parseIsoDate } from "./format";

// incident.json: the incident the bundle belongs to. Checked whole before any CSV is read; a bad file stops
// the import (there is no row to skip).

const isoDate = z.string().refine((v) => parseIsoDate(v) !== null, "must be a real YYYY-MM-DD date");
const text = z.string({ error: "must be text" }).trim().min(1, "must not be empty");
const bilingual = z.object({ en: text, fr: text }, { error: "must have en and fr texts" });

export const incidentSchema = z.object({
  format: z.literal(BUNDLE_FORMAT, { error: `must be "${BUNDLE_FORMAT}"` }),
  incident_id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "must be 1-64 letters, digits, dots, hyphens or underscores"),
  organisation: text,
  title: bilingual,
  summary: bilingual,
  detected_on: isoDate,
  exposure_window: z.object({ from: isoDate, to: isoDate }).refine((w) => w.from <= w.to, "from must not be after to"),
  not_exposed: z.array(z.enum(NOT_EXPOSED_CODES, { error: "must list known codes" })),
  monitoring: z.object({
    term_months: z.number().int().positive(),
    enrol_by: isoDate,
    provider: z
      .object({
        name: text,
        activation_url: z.url({ protocol: /^https$/, error: "must be an https:// address" }),
        phone: text,
        activate_within_days: z
          .number({ error: "must be a number of days" })
          .int("must be a whole number of days")
          .positive("must be at least 1"),
      })
      .optional(),
  }),
  support_phone: text,
  steps_taken: bilingual.optional(),
  privacy_office: z
    .object({ email: z.email({ error: "must be an email address" }), phone: text, address: text })
    .optional(),
});

export type IncidentFile = z.infer<typeof incidentSchema>;

export type IncidentResult = { ok: true; incident: IncidentFile } | { ok: false; reasons: string[] };

export async function readIncident(path: string): Promise<IncidentResult> {
  let raw: unknown;
  try {
    // A UTF-8 byte order mark (some editors write one) is not part of the JSON: dropped, as in the CSV files.
    raw = JSON.parse((await readFile(path, "utf8")).replace(/^\uFEFF/, ""));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    return { ok: false, reasons: [missing ? "file is missing" : "is not valid JSON"] };
  }
  const parsed = incidentSchema.safeParse(raw);
  if (parsed.success) return { ok: true, incident: parsed.data };
  return { ok: false, reasons: parsed.error.issues.map((i) => `${i.path.join(".") || "(top level)"} ${i.message}`) };
}
