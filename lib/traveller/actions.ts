"use server";
import { revalidatePath } from "next/cache";
import { defineAction, traveller } from "@/lib/actions/action";
import type { ActionResult } from "@/lib/actions/result";
import type { TravellerSession } from "@/lib/auth/traveller";
import type { EnrolmentDto } from "@/lib/dto/traveller";
import { formatDate } from "@/lib/format";
import { checklistSchema } from "@/lib/forms/checklist";
import { enrolMonitoringSchema } from "@/lib/forms/enrol-monitoring";
import { flagCompanionSchema } from "@/lib/forms/flag-companion";
import { format } from "@/lib/i18n/locales";
import { travellerMessages } from "@/lib/i18n/messages/traveller";
import { companionMessages } from "@/lib/i18n/messages/traveller-companions";
import { monitoringMessages } from "@/lib/i18n/messages/traveller-monitoring";
import { deliverMailAfterResponse } from "@/lib/mail/deliver-after";
import { mayTick, setChecklistItem } from "./checklist";
import { flagCompanion, isOwnCompanion } from "./companions";
import { enrolInMonitoring, resolveEnrolTarget } from "./monitoring";

// Thin server actions for /my. Each one: authenticate the verified traveller (re-checked against the
// database), re-parse the form's own zod schema, authorise this resource for this session, then call the
// service in lib/traveller/* that holds the rules (and is what the tests exercise).

const checklistAction = defineAction({
  name: "traveller.checklist",
  schema: checklistSchema,
  authenticate: traveller,
  authorize: ({ db, session, input }) => mayTick(db, session, input.itemKey),
  handler: async ({ db, session, input, locale }) => {
    const result = await setChecklistItem(db, session, input);
    if (result.status !== "ok") return { status: "error", message: travellerMessages[locale].saveFailed };
    revalidatePath("/my");
    return { status: "ok" };
  },
});

export type FlagResultData = { outcome: "flagged" | "updated"; message: string };

const flagAction = defineAction<typeof flagCompanionSchema, TravellerSession, FlagResultData>({
  name: "traveller.flag-companion",
  schema: flagCompanionSchema,
  authenticate: traveller,
  authorize: ({ db, session, input }) => isOwnCompanion(db, session, input.companion),
  handler: async ({ db, session, input, locale }) => {
    const result = await flagCompanion(db, session, input);
    if (result.status === "not_found") return { status: "error", message: travellerMessages[locale].saveFailed };
    revalidatePath("/my", "layout");
    const t = companionMessages[locale];
    const message = format(result.status === "flagged" ? t.flagDone : t.flagUpdated, { initials: result.initials });
    return { status: "ok", message, data: { outcome: result.status, message } };
  },
});

export type EnrolResultData = { outcome: "enrolled" | "already"; enrolment: EnrolmentDto; emailed: boolean };

const enrolAction = defineAction<typeof enrolMonitoringSchema, TravellerSession, EnrolResultData>({
  name: "traveller.enrol-monitoring",
  schema: enrolMonitoringSchema,
  authenticate: traveller,
  authorize: async ({ db, session, input }) => (await resolveEnrolTarget(db, session, input.subject)) !== null,
  handler: async ({ db, session, input, locale }) => {
    const result = await enrolInMonitoring(db, session, input);
    const t = monitoringMessages[locale];
    if (result.status === "forbidden") return { status: "error", message: travellerMessages[locale].saveFailed };
    if (result.status === "closed") {
      return {
        status: "error",
        message: format(t.closedBody, { date: formatDate(result.enrolBy, locale), phone: result.supportPhone }),
      };
    }
    if (result.emailed) deliverMailAfterResponse("traveller.enrol-monitoring");
    revalidatePath("/my", "layout");
    return {
      status: "ok",
      message: result.status === "enrolled" ? t.successEnrolled : t.successAlready,
      data: { outcome: result.status, enrolment: result.enrolment, emailed: result.emailed },
    };
  },
});

// A "use server" module may only export async functions.
export async function toggleChecklistItem(prev: ActionResult | undefined, raw: unknown): Promise<ActionResult> {
  return checklistAction(prev, raw);
}
export async function flagCompanionAction(
  prev: ActionResult<FlagResultData> | undefined,
  raw: unknown,
): Promise<ActionResult<FlagResultData>> {
  return flagAction(prev, raw);
}
export async function enrolMonitoringAction(
  prev: ActionResult<EnrolResultData> | undefined,
  raw: unknown,
): Promise<ActionResult<EnrolResultData>> {
  return enrolAction(prev, raw);
}
