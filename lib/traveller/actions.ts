"use server";
import { revalidatePath } from "next/cache";
import { defineAction, traveller } from "@/lib/actions/action";
import type { ActionResult } from "@/lib/actions/result";
import type { EnrolmentDto } from "@/lib/dto/traveller";
import { formatDate, formatPhone } from "@/lib/format";
import { checklistSchema } from "@/lib/forms/checklist";
import { enrolMonitoringSchema } from "@/lib/forms/enrol-monitoring";
import { flagCompanionSchema } from "@/lib/forms/flag-companion";
import { format } from "@/lib/i18n/locales";
import { travellerMessages } from "@/lib/i18n/messages/traveller";
import { companionMessages } from "@/lib/i18n/messages/traveller-companions";
import { monitoringMessages } from "@/lib/i18n/messages/traveller-monitoring";
import { deliverMailAfterResponse } from "@/lib/mail/deliver-after";
import { setChecklistItem } from "./checklist";
import { flagCompanion } from "./companions";
import { enrolInMonitoring } from "./monitoring";
import type { Traveller } from "./viewer";

// Thin server actions for /my: defineAction authenticates and parses; the service in lib/traveller/* authorises
// this resource, does the work and is what the tests exercise; the action turns its outcome into words.

const checklistAction = defineAction({
  name: "traveller.checklist",
  schema: checklistSchema,
  authenticate: traveller,
  handler: async ({ db, session, input, locale }) => {
    const result = await setChecklistItem(db, session, input);
    if (result.status !== "ok") return { status: "error", message: travellerMessages[locale].saveFailed };
    revalidatePath("/my");
    return { status: "ok" };
  },
});

export type FlagResultData = { outcome: "flagged" | "updated"; message: string; givenAddress: string | null };

const flagAction = defineAction<typeof flagCompanionSchema, Traveller, FlagResultData>({
  name: "traveller.flag-companion",
  schema: flagCompanionSchema,
  authenticate: traveller,
  handler: async ({ db, session, input, locale, requestId }) => {
    const result = await flagCompanion(db, session, input, new Date(), { requestId });
    if (result.status === "not_found") return { status: "error", message: travellerMessages[locale].saveFailed };
    revalidatePath("/my", "layout");
    const t = companionMessages[locale];
    const message = format(result.status === "flagged" ? t.flagDone : t.flagUpdated, { initials: result.initials });
    return { status: "ok", message, data: { outcome: result.status, message, givenAddress: result.givenAddress } };
  },
});

export type EnrolResultData = { outcome: "enrolled" | "already"; enrolment: EnrolmentDto; emailed: boolean };

const enrolAction = defineAction<typeof enrolMonitoringSchema, Traveller, EnrolResultData>({
  name: "traveller.enrol-monitoring",
  schema: enrolMonitoringSchema,
  authenticate: traveller,
  handler: async ({ db, session, input, locale, requestId }) => {
    const result = await enrolInMonitoring(db, session, input, new Date(), { requestId });
    const t = monitoringMessages[locale];
    if (result.status === "forbidden") return { status: "error", message: travellerMessages[locale].saveFailed };
    if (result.status === "closed") {
      return {
        status: "error",
        message: format(t.closedBody, {
          date: formatDate(result.enrolBy, locale),
          phone: formatPhone(result.supportPhone, locale),
        }),
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
