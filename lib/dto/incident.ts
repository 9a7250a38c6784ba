type Bilingual = { en: string; fr: string };

/** The monitoring company an enrolment is handed to (optional in the bundle). */
export type MonitoringProviderDto = {
  name: string;
  activationUrl: string;
  phone: string;
  activateWithinDays: number;
};

/** The organisation's privacy office: the internal complaint route (optional in the bundle). */
export type PrivacyOfficeDto = { email: string; phone: string; address: string };

/** What pages may show about the incident. */
export type IncidentDto = {
  id: string;
  organisation: string;
  title: Bilingual;
  summary: Bilingual;
  detectedOn: string;
  exposureFrom: string;
  exposureTo: string;
  notExposed: string[];
  monitoringTermMonths: number;
  enrolBy: string;
  supportPhone: string;
  provider: MonitoringProviderDto | null;
  stepsTaken: Bilingual | null;
  privacyOffice: PrivacyOfficeDto | null;
};
