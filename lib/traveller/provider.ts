import type { MonitoringProviderDto } from "@/lib/dto/incident";
import { addDays } from "./dates";

/** The provider columns of an incident row, whole or not at all (the bundle gives all four or none). */
export function providerOf(r: {
  providerName: string | null;
  providerActivationUrl: string | null;
  providerPhone: string | null;
  providerActivateWithinDays: number | null;
}): MonitoringProviderDto | null {
  return r.providerName && r.providerActivationUrl && r.providerPhone && r.providerActivateWithinDays
    ? {
        name: r.providerName,
        activationUrl: r.providerActivationUrl,
        phone: r.providerPhone,
        activateWithinDays: r.providerActivateWithinDays,
      }
    : null;
}

/** The last day to activate the code with the provider: the enrolment day plus the provider's days. */
export const activateBy = (enrolledOn: string, provider: MonitoringProviderDto) =>
  addDays(enrolledOn, provider.activateWithinDays);
