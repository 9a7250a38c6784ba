import type { MonitoringProviderDto } from "@/lib/dto/incident";
import { addDays } from "./dates";

/** The last day to activate the code with the provider: the enrolment day plus the provider's days. */
export const activateBy = (enrolledOn: string, provider: MonitoringProviderDto) =>
  addDays(enrolledOn, provider.activateWithinDays);
