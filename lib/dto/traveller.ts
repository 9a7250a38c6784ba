import type { CategoryCode } from "@/lib/catalogue/categories";
import type { MonitoringProviderDto } from "./incident";

// What the /my pages may hand to the browser about the verified traveller. Built by lib/traveller/*; never a
// whole row, never a companion's personal data.

/** One category exposed for the session person, with the masked hint from the bundle ("Passport ending 7731"). */
export type ExposureDto = { category: CategoryCode; detail: string | null };

export type TravellerOverviewDto = {
  /** Greeting only: the given name, never the family name. */
  givenName: string;
  exposures: ExposureDto[];
  /** Checklist item keys this person has ticked. */
  completedItems: string[];
  isBooker: boolean;
};

/** What the /my overview page shows: the person's own data, the incident's facts, and two summaries. */
export type OverviewDto = {
  overview: TravellerOverviewDto;
  /** Category codes the incident did not involve (the same for everyone). */
  notExposed: string[];
  supportPhone: string;
  /** The monitoring card: the offer, and when the person's own term ends if they enrolled. */
  monitoring: {
    enrolBy: string;
    termMonths: number;
    open: boolean;
    termEndsOn: string | null;
    /** The provider's last day to activate the code (enrolment day + the provider's days); null if unknown. */
    activateBy: string | null;
    provider: MonitoringProviderDto | null;
  };
  /** Whether anyone else is on the booking (the companions card); who they are is for /my/companions. */
  hasCompanions: boolean;
};

/**
 * A fellow passenger on the session booking. `ref` is the companion's position on the booking (1-based, ordered
 * by record id, the session person excluded): every action resolves it again against the session's booking, so
 * it can never address anyone else.
 */
export type CompanionDto = {
  ref: number;
  /** Initials only, e.g. "Z. C.". */
  initials: string;
  /** True when the records hold at least one exposed category for them (which ones is never shown). */
  affected: boolean;
  flagged: boolean;
  /** Whether the airline already has a way to write to them; decides if the flag form asks for an email. */
  hasEmailOnFile: boolean;
  /** The address the viewer themselves gave for them, masked ("g•••@example.org"); null when they gave none. */
  givenAddress: string | null;
  /** Present only when the viewer is the booker and this companion is under 18: the guardian's view. */
  guardian: { enrolled: boolean } | null;
};

export type EnrolmentDto = {
  activationCode: string;
  enrolledOn: string;
  termEndsOn: string;
};

/** The monitoring offer as the session person sees it for themselves. */
export type MonitoringStatusDto = {
  enrolBy: string;
  termMonths: number;
  supportPhone: string;
  /** Who activates the code, and within how many days; null when the bundle names no provider. */
  provider: MonitoringProviderDto | null;
  /** False once the enrol-by date has passed. */
  open: boolean;
  enrolment: EnrolmentDto | null;
  hasEmailOnFile: boolean;
};

/** A minor on the booker's booking, for the guardian section of the monitoring page. */
export type GuardedMinorDto = { ref: number; initials: string; enrolment: EnrolmentDto | null };
