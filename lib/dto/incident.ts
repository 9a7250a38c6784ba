/** What pages may show about the incident. */
export type IncidentDto = {
  id: string;
  title: { en: string; fr: string };
  summary: { en: string; fr: string };
  detectedOn: string;
  notExposed: string[];
  monitoringTermMonths: number;
  enrolBy: string;
  supportPhone: string;
};
