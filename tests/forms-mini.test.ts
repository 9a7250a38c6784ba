import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldValues, ResolverOptions } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { agentSignInSchema, markFlagSchema } from "@/lib/forms/agent-sign-in";
import { checklistSchema } from "@/lib/forms/checklist";
import { enrolMonitoringSchema } from "@/lib/forms/enrol-monitoring";
import { flagCompanionSchema } from "@/lib/forms/flag-companion";

// The form schemas moved from full zod to zod/mini so the browser ships less JavaScript. "Same rules" is proven
// here: the full-zod schemas as they were before the move are kept below as the reference, and over a corpus of
// good and bad inputs (every combination of each field's values) the zod/mini schemas must give the same verdict,
// the same parsed values, and the same error keys per field, both as the server action sees them
// (z.flattenError, lib/actions/action.ts) and as react-hook-form sees them (zodResolver).
//
// Error keys: a message that is not a key (zod's own default text, "Invalid input…", which differs between full
// zod and zod/mini) is read as "invalid", which is what formErrorText (lib/i18n/locales.ts) shows for it.

const reference = (() => {
  const emailShape = z.email();
  const CONSENTED = new Set<unknown>([true, "on", "true"]);
  return {
    agentSignIn: z.object({
      email: z.string().trim().min(1, "emailRequired").max(254, "emailInvalid").pipe(z.email("emailInvalid")),
      password: z.string().min(1, "passwordRequired").max(200, "passwordTooLong"),
      code: z
        .string()
        .trim()
        .min(1, "codeRequired")
        .regex(/^\d{3} ?\d{3}$/, "codeInvalid"),
    }),
    markFlag: z.object({ flag: z.uuid("invalid") }),
    checklist: z.object({
      itemKey: z
        .string()
        .max(80)
        .regex(/^[a-z_]+\.[a-z0-9-]+$/, "invalid"),
      done: z.enum(["true", "false"], { error: "invalid" }).transform((v) => v === "true"),
    }),
    enrolMonitoring: z.object({
      subject: z
        .string()
        .regex(/^(self|[1-9]\d{0,2})$/, "invalid")
        .transform((v): "self" | number => (v === "self" ? "self" : Number(v))),
      consent: z
        .unknown()
        .refine((v) => CONSENTED.has(v), "consentRequired")
        .transform(() => true as const),
    }),
    flagCompanion: z.object({
      companion: z
        .string()
        .regex(/^[1-9]\d{0,2}$/, "invalid")
        .transform(Number),
      contactEmail: z
        .string()
        .trim()
        .max(254, "emailTooLong")
        .refine((v) => v === "" || emailShape.safeParse(v).success, "emailInvalid")
        .optional()
        .transform((v) => (v ? v : undefined)),
    }),
  };
})();

const ABSENT = Symbol("absent");
type Values = Record<string, unknown>;

/** Every combination of each field's candidate values (ABSENT leaves the field out). */
function corpus(fields: Record<string, unknown[]>): Values[] {
  let out: Values[] = [{}];
  for (const [name, candidates] of Object.entries(fields)) {
    out = out.flatMap((partial) => candidates.map((v) => (v === ABSENT ? { ...partial } : { ...partial, [name]: v })));
  }
  return out;
}

const key = (message: string) => (/^[a-z][A-Za-z]*$/.test(message) ? message : "invalid");

function verdict(schema: z.core.$ZodType, input: Values) {
  const r = z.safeParse(schema, input);
  if (r.success) return { ok: true, data: r.data };
  const { formErrors, fieldErrors } = z.flattenError(r.error) as {
    formErrors: string[];
    fieldErrors: Record<string, string[]>;
  };
  return {
    ok: false,
    formErrors: formErrors.map(key),
    fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([f, ms]) => [f, ms.map(key)])),
  };
}

const resolverOptions = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<FieldValues>;

/** What react-hook-form gets from zodResolver: each field's first error key, or the parsed values. */
async function inBrowser(schema: z.core.$ZodType, input: Values) {
  // biome-ignore lint/suspicious/noExplicitAny: zodResolver's overloads are typed per schema; both kinds go through one path here.
  const r = await zodResolver(schema as any)(input as FieldValues, undefined, resolverOptions);
  const errors = Object.fromEntries(
    Object.entries(r.errors).map(([f, e]) => [f, key(String((e as { message?: string }).message))]),
  );
  return Object.keys(errors).length > 0 ? { errors } : { values: r.values };
}

const EMAILS = [
  "agent@airline.example",
  "  Agent@Airline.Example  ",
  "émilie.côté@exemple.ca",
  "a@b",
  "a@@b.co",
  "not-an-email",
  "",
  "   ",
  `${"a".repeat(245)}@airline.ca`,
  `${"a".repeat(250)}@airline.ca`,
  42,
  null,
  ABSENT,
];

const CASES: Array<{ name: string; mini: z.core.$ZodType; full: z.core.$ZodType; inputs: Values[] }> = [
  {
    name: "agent sign-in",
    mini: agentSignInSchema,
    full: reference.agentSignIn,
    inputs: corpus({
      email: EMAILS,
      password: ["secret", " ", "", "p".repeat(200), "p".repeat(201), 7, ABSENT],
      code: ["123456", " 123 456 ", "123  456", "12345", "1234567", "abcdef", "", 123456, ABSENT],
    }),
  },
  {
    name: "mark flag notified",
    mini: markFlagSchema,
    full: reference.markFlag,
    inputs: corpus({
      flag: [
        "3f2b8c1e-9d4a-4c2b-8e1f-0a1b2c3d4e5f",
        "3F2B8C1E-9D4A-4C2B-8E1F-0A1B2C3D4E5F",
        "00000000-0000-0000-0000-000000000000",
        "3f2b8c1e-9d4a-4c2b-8e1f-0a1b2c3d4e5",
        "3f2b8c1e9d4a4c2b8e1f0a1b2c3d4e5f",
        "' or 1=1 --",
        "",
        1,
        ABSENT,
      ],
    }),
  },
  {
    name: "checklist",
    mini: checklistSchema,
    full: reference.checklist,
    inputs: corpus({
      itemKey: [
        "identity_theft.freeze-credit",
        "a.b",
        "a.b9-",
        "A.b",
        "a.B",
        "a.b c",
        "a..b",
        ".b",
        "a.",
        `${"a".repeat(40)}.${"b".repeat(39)}`,
        `${"a".repeat(40)}.${"b".repeat(40)}`,
        `${"a".repeat(40)}.${"B".repeat(40)}`,
        "",
        3,
        ABSENT,
      ],
      done: ["true", "false", "TRUE", "on", "", true, false, ABSENT],
    }),
  },
  {
    name: "enrol in monitoring",
    mini: enrolMonitoringSchema,
    full: reference.enrolMonitoring,
    inputs: corpus({
      subject: ["self", "1", "9", "12", "999", "0", "01", "1000", "Self", "self ", "12; drop", "-1", "", 2, ABSENT],
      consent: [true, "on", "true", false, "off", "false", "TRUE", "", 1, null, ABSENT],
    }),
  },
  {
    name: "flag a companion",
    mini: flagCompanionSchema,
    full: reference.flagCompanion,
    inputs: corpus({
      companion: ["1", "2", "999", "0", "01", "1000", "1.5", " 1", "x", "", 1, ABSENT],
      contactEmail: [
        "",
        "   ",
        "kid@example.ca",
        "  Kid@Example.ca ",
        "bad",
        "a@b",
        `${"a".repeat(243)}@example.ca`,
        `${"a".repeat(244)}@example.ca`,
        `  ${"a".repeat(243)}@example.ca  `,
        5,
        null,
        undefined,
        ABSENT,
      ],
    }),
  },
];

describe("zod/mini form schemas: the same rules as the full-zod originals", () => {
  for (const c of CASES) {
    it(`${c.name}: same verdict, values and error keys on the server (${c.inputs.length} inputs)`, () => {
      let good = 0;
      for (const input of c.inputs) {
        const expected = verdict(c.full, input);
        expect(verdict(c.mini, input), JSON.stringify(input)).toEqual(expected);
        if (expected.ok) good++;
      }
      // The corpus exercises both sides of the rules.
      expect(good).toBeGreaterThan(0);
      expect(good).toBeLessThan(c.inputs.length);
    });

    it(`${c.name}: same errors and values through react-hook-form's zodResolver`, async () => {
      for (const input of c.inputs) {
        expect(await inBrowser(c.mini, input), JSON.stringify(input)).toEqual(await inBrowser(c.full, input));
      }
    });
  }

  it("the forms' schemas are zod/mini, not full zod (whose methods would pull all of zod into the browser)", () => {
    for (const c of CASES) expect("min" in c.mini || "optional" in c.mini, c.name).toBe(false);
    for (const c of CASES) expect("optional" in c.full, c.name).toBe(true);
  });
});
