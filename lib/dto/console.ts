import type { CategoryCode } from "@/lib/catalogue/categories";
import type { Locale } from "@/lib/i18n/locales";

// What the call-centre console's pages receive (lib/agent/callers.ts, lib/agent/case.ts). Never a date of birth,
// passport detail, address, phone, full email, or an activation code (that only through an audited reveal).

/** One search result: enough to pick the caller out, nothing else. */
export type CallerResultDto = {
  /** A signed, short-lived handle for "send the code to this person": not an id an agent could change. */
  handle: string;
  /** "M.-È. Côté", or initials only for a minor. */
  name: string;
  /** "m•••@example.ca", or null when no email is on file. */
  email: string | null;
  /** The reference when the agent searched by it (it cannot be read back otherwise), and the trip. */
  reference: string | null;
  route: string;
  flightDate: string;
  role: "booker" | "companion";
  affected: boolean;
};

export type CaseCompanionDto = {
  ref: number;
  initials: string;
  affected: boolean;
  flagged: boolean;
  hasEmailOnFile: boolean;
  /** For the booker only: a minor they may enrol as guardian, and whether they are enrolled. */
  guardian: { enrolled: boolean } | null;
};

export type CaseExposureDto = {
  category: CategoryCode;
  /** In the caller's language: the category's name and the guidance to read out. */
  name: string;
  meaning: string;
  steps: Array<{ title: string; detail: string }>;
};

export type CaseNoteDto = { id: string; text: string; at: string; agentName: string };

export type CaseDto = {
  id: string;
  name: string;
  email: string | null;
  callerLanguage: Locale;
  isBooker: boolean;
  route: string;
  flightDate: string;
  exposures: CaseExposureDto[];
  companions: CaseCompanionDto[];
  monitoring: {
    open: boolean;
    enrolBy: string;
    termMonths: number;
    /** Null when not enrolled; never the activation code. */
    enrolment: { enrolledOn: string; termEndsOn: string } | null;
  };
  notes: CaseNoteDto[];
  /** The consent sentence to read out before enrolling, in the caller's language. */
  consentScript: string;
};

export type CaseViewDto =
  | { status: "open"; case: CaseDto }
  | { status: "unverified"; id: string; name: string; email: string | null }
  | { status: "closed" };
